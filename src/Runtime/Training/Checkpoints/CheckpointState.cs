namespace Reft.Runtime.Training.Checkpoints;

/// <summary>Where a run stands: everything besides the tensors that a resumed run needs to
/// continue exactly where the interrupted one stopped.</summary>
public sealed record CheckpointState
{
    /// <summary>Name of the stage the checkpoint was taken in.</summary>
    public required string Stage { get; init; }

    /// <summary>Position of that stage in the pipeline (0-based); stages run in order.</summary>
    public required int StageIndex { get; init; }

    /// <summary>Steps of that stage already completed; a resumed run starts at this step.</summary>
    public required int Step { get; init; }

    /// <summary>Hash of the compiled spec; a resume with another hash is refused unless forced.</summary>
    public required string SpecHash { get; init; }

    /// <summary>Human-readable knob values ("rl.optimizer.lr" → "2e-4") to explain a hash change.</summary>
    public IReadOnlyDictionary<string, string> Knobs { get; init; } = new Dictionary<string, string>();

    /// <summary>Opaque, serialised position of the prompt iterator.</summary>
    public string? DataCursor { get; init; }

    /// <summary>Serialised random generator states by name ("sampling", "torch", ...).</summary>
    public IReadOnlyDictionary<string, byte[]> RngStates { get; init; } = new Dictionary<string, byte[]>();

    /// <summary>Run-wide counters that must survive a resume (e.g. skipped non-finite steps).</summary>
    public IReadOnlyDictionary<string, long> Counters { get; init; } = new Dictionary<string, long>();
}
