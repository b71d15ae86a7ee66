namespace Reft.Runtime.Training.Checkpoints;

/// <summary>A checkpoint that cannot be written or read; the message names the path and what to do.</summary>
public sealed class CheckpointException(string message) : Exception(message);
