namespace Reft.Runtime.Torch;

/// <summary>Device kinds; the values are libtorch's (c10::DeviceType).</summary>
public enum DeviceType
{
    CPU = 0,
    CUDA = 1,
}

/// <summary>A device such as <c>cpu</c> or <c>cuda:1</c>; index -1 means the current device.</summary>
public sealed record Device(DeviceType type, int index = -1)
{
    public static readonly Device CPU = new(DeviceType.CPU);
    public static readonly Device CUDA = new(DeviceType.CUDA);

    /// <summary>Parses <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public static Device Parse(string description)
    {
        var parts = description.Trim().ToLowerInvariant().Split(':');
        var type = parts[0] switch
        {
            "cpu" => DeviceType.CPU,
            "cuda" => DeviceType.CUDA,
            _ => throw new ArgumentException($"unknown device '{description}'; use cpu, cuda or cuda:N", nameof(description)),
        };
        if (parts.Length == 1) return new Device(type);
        if (parts.Length == 2 && int.TryParse(parts[1], out var index) && index >= 0) return new Device(type, index);
        throw new ArgumentException($"malformed device '{description}'; use cpu, cuda or cuda:N", nameof(description));
    }

    public static implicit operator Device(string description) => Parse(description);

    public override string ToString() =>
        (type == DeviceType.CPU ? "cpu" : "cuda") + (index >= 0 ? $":{index}" : "");
}
