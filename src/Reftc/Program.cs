using System.Globalization;
using Reft.Cli;

// Numbers in diagnostics, metrics.jsonl and generated code must not depend on the user's locale.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
return ReftCli.Run(args, Console.Out, Console.Error);
