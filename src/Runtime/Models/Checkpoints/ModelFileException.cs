namespace Reft.Runtime.Models;

/// <summary>
/// A model folder or checkpoint file that cannot be used. The message always names the file
/// (and the tensor, where one is at fault), says what is wrong and how to fix it.
/// </summary>
public sealed class ModelFileException : Exception
{
    public ModelFileException(string path, string problem)
        : base($"{path}: {problem}")
    {
        FilePath = path;
    }

    public ModelFileException(string path, string problem, Exception inner)
        : base($"{path}: {problem}", inner)
    {
        FilePath = path;
    }

    public string FilePath { get; }
}
