using System.Collections.Immutable;

namespace Reft.Runtime.Algorithms;

/// <summary>Which of the skippable layers a draw picks.</summary>
public abstract record SkipSelection
{
    private SkipSelection() { }

    /// <summary>A uniformly random subset of the skippable window (every subset of the drawn size equally likely).</summary>
    public sealed record Uniform : SkipSelection;

    /// <summary>One block of consecutive layers at a uniformly random position inside the skippable window.</summary>
    public sealed record Contiguous : SkipSelection;

    /// <summary>Always these layers (0-based); the amount and the protected layers do not apply.</summary>
    public sealed record Fixed(ImmutableArray<int> Layers) : SkipSelection
    {
        public bool Equals(Fixed? other) => other is not null && Layers.SequenceEqual(other.Layers);
        public override int GetHashCode() => Layers.Aggregate(17, HashCode.Combine);
    }
}
