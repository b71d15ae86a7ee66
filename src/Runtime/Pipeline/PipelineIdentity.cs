namespace Reft.Runtime.Pipeline;

/// <summary>What the generated class knows about its spec before anything runs.</summary>
/// <param name="Knobs">Every resolved knob ("rl.loss.clip.high" → "0.28"): a refused resume lists the ones that changed.</param>
/// <param name="Stages">The stages in run order.</param>
public sealed record PipelineIdentity(
    string Name,
    string SpecHash,
    IReadOnlyList<KeyValuePair<string, string>> Knobs,
    int Seed,
    string Device,
    bool Bf16,
    IReadOnlyList<string> Stages);
