using Reft.Cli;

return ReftCli.Run(args, Console.Out, Console.Error);
