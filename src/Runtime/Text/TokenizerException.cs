namespace Reft.Runtime.Text;

/// <summary>A tokenizer was asked to do something impossible (e.g. decode an id outside its vocabulary).</summary>
public class TokenizerException(string message) : Exception(message);

/// <summary>A tokenizer file or folder could not be loaded; the message names the path, what is wrong and how to fix it.</summary>
public sealed class TokenizerLoadException(string path, string problem)
    : TokenizerException($"{path}: error: {problem}")
{
    public string Path { get; } = path;
}
