namespace Reft.Runtime.Text;

/// <summary>
/// GPT-2's reversible byte-to-character table: printable bytes map to themselves, the other bytes
/// to characters from U+0100 on, so every byte sequence becomes a string of visible characters.
/// </summary>
static class ByteLevel
{
    public static readonly char[] CharOfByte = BuildTable();
    static readonly Dictionary<char, byte> ByteOfChar = CharOfByte.Select((c, b) => (c, b)).ToDictionary(p => p.c, p => (byte)p.b);

    static char[] BuildTable()
    {
        var table = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            table[b] = printable ? (char)b : (char)next++;
        }
        return table;
    }

    public static string FromBytes(byte[] bytes) =>
        string.Create(bytes.Length, bytes, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++) span[i] = CharOfByte[source[i]];
        });

    /// <summary>Appends the bytes a token string stands for; characters outside the table (never produced
    /// by byte-level vocabularies) are written as their UTF-8 bytes so nothing is lost.</summary>
    public static void AppendBytes(string token, List<byte> output)
    {
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in token.EnumerateRunes())
        {
            if (rune.IsBmp && ByteOfChar.TryGetValue((char)rune.Value, out var b)) { output.Add(b); continue; }
            var length = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < length; i++) output.Add(utf8[i]);
        }
    }
}
