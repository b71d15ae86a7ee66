namespace Reft.Compiler.Plan;

/// <summary>
/// LayerDrop in a supervised stage: every step, each block outside the first <see cref="KeepFirst"/> and last
/// <see cref="KeepLast"/> is skipped with probability <see cref="Probability"/>, so the model learns to work
/// with blocks missing (as the Nested-ReFT behaviour model runs it).
/// </summary>
public sealed record LayerDropPlan(double Probability, int KeepFirst, int KeepLast, TextSpan Span);
