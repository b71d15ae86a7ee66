namespace Reft.Runtime.Tests.Training.KillTarget;

/// <summary>Finds the built Reft.Training.KillTarget.dll: $REFT_KILL_TARGET, next to the tests, or
/// the newest build under tests/Training.KillTarget (normal and --artifacts-path layouts).</summary>
public static class KillTargetLocator
{
    private const string FileName = "Reft.Training.KillTarget.dll";

    public static string Find()
    {
        if (Environment.GetEnvironmentVariable("REFT_KILL_TARGET") is { Length: > 0 } configured)
            return File.Exists(configured) ? configured : throw new FileNotFoundException($"REFT_KILL_TARGET={configured}: no such file");
        var beside = Path.Combine(AppContext.BaseDirectory, FileName);
        if (Runnable(beside)) return beside;
        var roots = new List<string> { Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "Reft.Training.KillTarget")) };
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (!File.Exists(Path.Combine(folder.FullName, "reft.slnx"))) continue;
            roots.Add(Path.Combine(folder.FullName, "tests", "Training.KillTarget"));
            roots.Add(Path.Combine(folder.FullName, "artifacts", "bin", "Reft.Training.KillTarget"));
            break;
        }
        return roots.Where(Directory.Exists)
            .SelectMany(root => Directory.EnumerateFiles(root, FileName, SearchOption.AllDirectories))
            .Where(Runnable)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault()
            ?? throw new FileNotFoundException("the kill test needs tests/Training.KillTarget built: run `dotnet build tests/Training.KillTarget/Reft.Training.KillTarget` (it is part of reft.slnx), or set REFT_KILL_TARGET to its dll");
    }

    /// <summary>An output folder's copy, not the intermediate one under obj/ that cannot start.</summary>
    private static bool Runnable(string dll) => File.Exists(dll) && File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json"));
}
