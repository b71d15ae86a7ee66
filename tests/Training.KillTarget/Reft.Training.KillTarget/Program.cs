using System.Globalization;
using Reft.Runtime.Tests.Training.KillTarget;
using Reft.Runtime.Training.Guards;

// usage: Reft.Training.KillTarget RUN_FOLDER SEED WRITE_DELAY_MS STEP_DELAY_MS
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: Reft.Training.KillTarget RUN_FOLDER SEED WRITE_DELAY_MS STEP_DELAY_MS");
    return 2;
}
var options = new FakeRunOptions(
    args[0],
    Seed: ulong.Parse(args[1], CultureInfo.InvariantCulture),
    WriteDelayMs: int.Parse(args[2], CultureInfo.InvariantCulture),
    StepDelayMs: int.Parse(args[3], CultureInfo.InvariantCulture));
try
{
    FakeTraining.Run(options, Console.Out);
    return 0;
}
catch (TrainingStoppedException stopped)
{
    Console.Error.WriteLine(stopped.Message);
    return 1;
}
