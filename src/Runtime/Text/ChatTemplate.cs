namespace Reft.Runtime.Text;

/// <summary>The chat layouts of the supported model families.</summary>
public enum ChatFamily
{
    /// <summary>Qwen2 / Qwen2.5 / Qwen3: ChatML, <c>&lt;|im_start|&gt;role\n...&lt;|im_end|&gt;\n</c>.</summary>
    ChatMl,

    /// <summary>Llama 3: <c>&lt;|start_header_id|&gt;role&lt;|end_header_id|&gt;\n\n...&lt;|eot_id|&gt;</c> after <c>&lt;|begin_of_text|&gt;</c>.</summary>
    Llama3,
}

/// <summary>
/// Writes a (system, user) conversation the way the family's own chat template does, with the
/// assistant's generation prompt appended, as text whose markers the tokenizer turns into special ids.
/// With no system message none is written (Qwen3 and Llama 3 behaviour; Qwen2.5's template would insert
/// its default "You are Qwen..." system message, which the caller can pass explicitly).
/// </summary>
public static class ChatTemplate
{
    public static string Format(ChatFamily family, string? system, string user) => family switch
    {
        ChatFamily.ChatMl =>
            (system is null ? "" : $"<|im_start|>system\n{system}<|im_end|>\n")
            + $"<|im_start|>user\n{user}<|im_end|>\n<|im_start|>assistant\n",
        ChatFamily.Llama3 =>
            "<|begin_of_text|>"
            + (system is null ? "" : $"<|start_header_id|>system<|end_header_id|>\n\n{system}<|eot_id|>")
            + $"<|start_header_id|>user<|end_header_id|>\n\n{user}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "unknown chat family"),
    };

    /// <summary>The family whose markers the tokenizer has, or null when it has none (e.g. GPT-2, chars).</summary>
    public static ChatFamily? Detect(ITokenizer tokenizer) =>
        tokenizer.TokenToId("<|im_start|>") is not null && tokenizer.TokenToId("<|im_end|>") is not null ? ChatFamily.ChatMl
        : tokenizer.TokenToId("<|start_header_id|>") is not null && tokenizer.TokenToId("<|eot_id|>") is not null ? ChatFamily.Llama3
        : null;

    /// <summary>The family of the tokenizer's chat markers.</summary>
    /// <exception cref="TokenizerException">the tokenizer has none (e.g. GPT-2, chars).</exception>
    public static ChatFamily FamilyOf(ITokenizer tokenizer) =>
        Detect(tokenizer) ?? throw new TokenizerException(
            "the tokenizer has no chat markers (<|im_start|>/<|im_end|> or <|start_header_id|>/<|eot_id|>); write the prompt as a plain string instead of chat(...)");

    /// <summary>The token that ends an assistant turn: generation stops there.</summary>
    public static string EndOfTurn(ChatFamily family) => family == ChatFamily.ChatMl ? "<|im_end|>" : "<|eot_id|>";
}
