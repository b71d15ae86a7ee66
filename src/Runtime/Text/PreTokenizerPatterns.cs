namespace Reft.Runtime.Text;

/// <summary>The word-splitting regexes of the common byte-level BPE families, as their tokenizer files declare them.</summary>
public static class PreTokenizerPatterns
{
    /// <summary>GPT-2 (also what a ByteLevel pre-tokenizer with use_regex uses).</summary>
    public const string Gpt2 = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    /// <summary>Llama 3: case-insensitive contractions, numbers in runs of 1-3 digits.</summary>
    public const string Llama3 = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    /// <summary>Qwen2 / Qwen2.5 / Qwen3: like Llama 3 but every digit is its own word.</summary>
    public const string Qwen2 = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";
}
