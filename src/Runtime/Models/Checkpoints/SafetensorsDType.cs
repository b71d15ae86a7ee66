namespace Reft.Runtime.Models;

/// <summary>The element types a safetensors file may hold that this runtime can load.</summary>
public enum SafetensorsDType
{
    F32,
    BF16,
    F16,
}

public static class SafetensorsDTypes
{
    public const string SupportedList = "F32, BF16, F16";

    public static int ElementSize(this SafetensorsDType dtype) => dtype switch
    {
        SafetensorsDType.F32 => 4,
        SafetensorsDType.BF16 => 2,
        SafetensorsDType.F16 => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    public static string Name(this SafetensorsDType dtype) => dtype.ToString();

    public static bool TryParse(string name, out SafetensorsDType dtype)
    {
        switch (name)
        {
            case "F32": dtype = SafetensorsDType.F32; return true;
            case "BF16": dtype = SafetensorsDType.BF16; return true;
            case "F16": dtype = SafetensorsDType.F16; return true;
            default: dtype = default; return false;
        }
    }
}
