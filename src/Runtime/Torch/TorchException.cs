namespace Reft.Runtime.Torch;

/// <summary>A libtorch error carried across the shim; the message is torch's own.</summary>
public sealed class TorchException(string message) : Exception(message);
