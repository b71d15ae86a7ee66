using System.Text;

namespace Reft.Runtime.Text;

/// <summary>
/// Unicode NFC (canonical decomposition, canonical ordering, canonical composition) over generated tables,
/// because with InvariantGlobalization <see cref="string.Normalize()"/> leaves non-ASCII text unchanged.
/// </summary>
static class UnicodeNfc
{
    const int HangulBase = 0xAC00, LeadBase = 0x1100, VowelBase = 0x1161, TrailBase = 0x11A7;
    const int VowelCount = 21, TrailCount = 28, SyllableCount = 11172;
    const int FirstComposingCodePoint = 0x300;

    static readonly Dictionary<int, int> CombiningClass = Pairs(UnicodeNormalizationData.CombiningClasses);
    static readonly Dictionary<int, int[]> Decomposition = Runs(UnicodeNormalizationData.Decompositions);
    static readonly Dictionary<(int, int), int> Composition = Triples(UnicodeNormalizationData.Compositions);

    public static string Normalize(string text)
    {
        // Nothing below U+0300 decomposes to anything but itself under NFC, nor combines with a neighbour.
        if (text.All(c => c < FirstComposingCodePoint)) return text;
        var codePoints = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes()) Decompose(rune.Value, codePoints);
        OrderCanonically(codePoints);
        Compose(codePoints);
        var builder = new StringBuilder(text.Length);
        foreach (var codePoint in codePoints) builder.Append(char.ConvertFromUtf32(codePoint));
        return builder.ToString();
    }

    static void Decompose(int codePoint, List<int> output)
    {
        var syllable = codePoint - HangulBase;
        if (syllable is >= 0 and < SyllableCount)
        {
            output.Add(LeadBase + syllable / (VowelCount * TrailCount));
            output.Add(VowelBase + syllable % (VowelCount * TrailCount) / TrailCount);
            if (syllable % TrailCount != 0) output.Add(TrailBase + syllable % TrailCount);
            return;
        }
        if (Decomposition.TryGetValue(codePoint, out var parts)) output.AddRange(parts);
        else output.Add(codePoint);
    }

    static int ClassOf(int codePoint) => CombiningClass.GetValueOrDefault(codePoint);

    /// <summary>Stable sort of every run of combining marks by combining class.</summary>
    static void OrderCanonically(List<int> codePoints)
    {
        for (var i = 1; i < codePoints.Count; i++)
        {
            var current = codePoints[i];
            var currentClass = ClassOf(current);
            if (currentClass == 0) continue;
            var j = i;
            while (j > 0 && ClassOf(codePoints[j - 1]) > currentClass)
            {
                codePoints[j] = codePoints[j - 1];
                j--;
            }
            codePoints[j] = current;
        }
    }

    static void Compose(List<int> codePoints)
    {
        if (codePoints.Count == 0) return;
        var starterIndex = ClassOf(codePoints[0]) == 0 ? 0 : -1;
        var lastClass = starterIndex == 0 ? 0 : 256;
        var write = 1;
        for (var read = 1; read < codePoints.Count; read++)
        {
            var current = codePoints[read];
            var currentClass = ClassOf(current);
            if (starterIndex >= 0 && (lastClass < currentClass || lastClass == 0 && write == starterIndex + 1)
                && TryCompose(codePoints[starterIndex], current, out var composed))
            {
                codePoints[starterIndex] = composed;
                continue;
            }
            if (currentClass == 0)
            {
                starterIndex = write;
                lastClass = 0;
            }
            else lastClass = currentClass;
            codePoints[write++] = current;
        }
        codePoints.RemoveRange(write, codePoints.Count - write);
    }

    static bool TryCompose(int first, int second, out int composed)
    {
        var lead = first - LeadBase;
        var vowel = second - VowelBase;
        if (lead is >= 0 and < 19 && vowel is >= 0 and < VowelCount)
        {
            composed = HangulBase + (lead * VowelCount + vowel) * TrailCount;
            return true;
        }
        var syllable = first - HangulBase;
        var trail = second - TrailBase;
        if (syllable is >= 0 and < SyllableCount && syllable % TrailCount == 0 && trail is > 0 and < TrailCount)
        {
            composed = first + trail;
            return true;
        }
        return Composition.TryGetValue((first, second), out composed);
    }

    static Dictionary<int, int> Pairs(int[] values)
    {
        var map = new Dictionary<int, int>(values.Length / 2);
        for (var i = 0; i < values.Length; i += 2) map[values[i]] = values[i + 1];
        return map;
    }

    static Dictionary<int, int[]> Runs(int[] values)
    {
        var map = new Dictionary<int, int[]>();
        for (var i = 0; i < values.Length; i += 2 + values[i + 1]) map[values[i]] = values.AsSpan(i + 2, values[i + 1]).ToArray();
        return map;
    }

    static Dictionary<(int, int), int> Triples(int[] values)
    {
        var map = new Dictionary<(int, int), int>(values.Length / 3);
        for (var i = 0; i < values.Length; i += 3) map[(values[i], values[i + 1])] = values[i + 2];
        return map;
    }
}
