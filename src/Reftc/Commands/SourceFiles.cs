using Reft.Language;

namespace Reft.Cli.Commands;

/// <summary>Reads the files named on the command line, turning IO failures into one-line messages.</summary>
internal static class SourceFiles
{
    public static SourceText? TryLoad(string path, TextWriter error)
    {
        if (Directory.Exists(path))
        {
            error.WriteLine($"{path}: error: is a directory; pass .reft files (e.g. {Path.Combine(path, "*.reft")})");
            return null;
        }
        if (!File.Exists(path))
        {
            error.WriteLine($"{path}: error: file not found; check the path (it is relative to {Environment.CurrentDirectory})");
            return null;
        }
        try
        {
            return SourceText.Load(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{path}: error: cannot read the file: {exception.Message}");
            return null;
        }
    }
}
