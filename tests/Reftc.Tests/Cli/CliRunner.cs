using System.Runtime.CompilerServices;

namespace Reft.Cli.Tests.Cli;

/// <summary>Runs reftc in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = ReftCli.Run(args, output, error);
        return (exitCode, output.ToString().Replace("\r\n", "\n"), error.ToString().Replace("\r\n", "\n"));
    }

    public static string RepositoryPath(string relative, [CallerFilePath] string sourceFile = "")
    {
        var directory = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!);
        while (!File.Exists(Path.Combine(directory.FullName, "reft.slnx")))
        {
            directory = directory.Parent ?? throw new InvalidOperationException("reft.slnx not found above " + sourceFile);
        }
        return Path.Combine(directory.FullName, relative);
    }

    /// <summary>A fresh file under a temporary folder, deleted with the folder by <see cref="TemporaryFolder"/>.</summary>
    public sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("reftc-tests-").FullName;

        public string Write(string name, string text)
        {
            var path = System.IO.Path.Combine(Path, name);
            File.WriteAllText(path, text);
            return path;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
