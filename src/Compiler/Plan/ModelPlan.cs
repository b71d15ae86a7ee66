namespace Reft.Compiler.Plan;

/// <summary>The trainable policy: where its weights come from, its resolved shape and tokenizer.</summary>
public sealed record ModelPlan(string Name, ModelSource Source, ModelConfig Config, TokenizerPlan Tokenizer, TextSpan Span);

public abstract record ModelSource(TextSpan Span);

/// <summary>Randomly initialised from <c>tiny(...)</c>; the shape is in <see cref="ModelPlan.Config"/>.</summary>
public sealed record TinyModelSource(TextSpan Span) : ModelSource(Span);

/// <summary>A Hugging Face folder: config.json, *.safetensors, tokenizer.json.</summary>
public sealed record CheckpointModelSource(string WrittenPath, string FullPath, string Architecture, TextSpan Span) : ModelSource(Span);

/// <summary>Decoder shape (Llama/Qwen2 layout), read from tiny(...) or the checkpoint's config.json.</summary>
public sealed record ModelConfig(
    int Layers,
    int Hidden,
    int Heads,
    int KvHeads,
    int Context,
    int Vocab,
    int Intermediate,
    bool TieEmbeddings,
    bool AttentionBias,
    double RopeTheta,
    double NormEpsilon)
{
    public int HeadDim => Hidden / Heads;
}

public enum TokenizerKind
{
    /// <summary>One token per character; vocabulary from <see cref="ModelConfig.Vocab"/>.</summary>
    Chars,
    /// <summary>A Hugging Face tokenizer.json (byte-level BPE).</summary>
    Json,
}

public sealed record TokenizerPlan(TokenizerKind Kind, string? FullPath, TextSpan Span);
