namespace Reft.Runtime.Text;

/// <summary>A token matched verbatim before any other processing (e.g. "&lt;|im_start|&gt;").
/// Special ones are control tokens (BOS/EOS/chat markers).</summary>
public sealed record AddedToken(int Id, string Content, bool Special);

/// <summary>Which tokens play the BOS, EOS and PAD roles, by text; null where the tokenizer has none.</summary>
public sealed record SpecialTokenNames(string? Bos, string? Eos, string? Pad);
