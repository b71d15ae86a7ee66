using System.Collections.Immutable;
using System.Text;

namespace Reft.Language;

/// <summary>The text of one <c>.reft</c> file and the path it is reported under.</summary>
public sealed class SourceText
{
    private readonly ImmutableArray<int> _lineStarts;

    public SourceText(string path, string text)
    {
        Path = path;
        Text = text;
        _lineStarts = ComputeLineStarts(text);
    }

    public string Path { get; }

    public string Text { get; }

    public int Length => Text.Length;

    public int LineCount => _lineStarts.Length;

    public static SourceText From(string text, string path = "<input>") => new(path, text);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads a file; IO errors propagate to the caller, which turns them into user-facing messages.
    /// A file that is not text is an <see cref="IOException"/> too: lexing it would print one
    /// "unexpected character" per byte instead of saying what is wrong.
    /// </summary>
    public static SourceText Load(string path)
    {
        string text;
        try
        {
            using var reader = new StreamReader(path, StrictUtf8, detectEncodingFromByteOrderMarks: true);
            text = reader.ReadToEnd();
        }
        catch (DecoderFallbackException exception)
        {
            throw new IOException("it is not UTF-8 text; a .reft spec is a text file, so check the path or save the file as UTF-8", exception);
        }
        if (text.Contains('\0'))
            throw new IOException("it holds NUL characters, so it is not a .reft text file; check the path");
        return new(path, text);
    }

    /// <summary>0-based line index of an offset (offsets past the end map to the last line).</summary>
    public int GetLineIndex(int offset)
    {
        var clamped = Math.Clamp(offset, 0, Text.Length);
        var index = _lineStarts.BinarySearch(clamped);
        return index >= 0 ? index : ~index - 1;
    }

    public Location GetLocation(int offset)
    {
        var line = GetLineIndex(offset);
        var column = Math.Clamp(offset, 0, Text.Length) - _lineStarts[line];
        return new Location(Path, line + 1, column + 1);
    }

    public Location GetLocation(TextSpan span) => GetLocation(span.Start);

    /// <summary>The text of a 1-based line without its line terminator.</summary>
    public string GetLineText(int line)
    {
        var index = Math.Clamp(line - 1, 0, _lineStarts.Length - 1);
        var start = _lineStarts[index];
        var end = index + 1 < _lineStarts.Length ? _lineStarts[index + 1] : Text.Length;
        while (end > start && (Text[end - 1] == '\n' || Text[end - 1] == '\r'))
        {
            end--;
        }
        return Text[start..end];
    }

    public int GetLineStart(int line) => _lineStarts[Math.Clamp(line - 1, 0, _lineStarts.Length - 1)];

    public string ToString(TextSpan span) =>
        Text.Substring(Math.Clamp(span.Start, 0, Text.Length), Math.Clamp(span.Length, 0, Text.Length - Math.Clamp(span.Start, 0, Text.Length)));

    private static ImmutableArray<int> ComputeLineStarts(string text)
    {
        var starts = ImmutableArray.CreateBuilder<int>();
        starts.Add(0);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }
        return starts.ToImmutable();
    }
}
