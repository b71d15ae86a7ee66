using System.Collections.Immutable;
using System.Text;
using Reft.Language.Parsing;
using Reft.Language.Syntax;

namespace Reft.Language.Formatting;

/// <summary>
/// The canonical layout: one member per line, blocks indented by two spaces, expressions on one
/// line with canonical spacing, at most one blank line kept where the source had blank lines.
/// Every comment is kept: comments inside a one-line member move above it; comments at the end of
/// a line stay there.
/// </summary>
public sealed class ReftFormatter
{
    private const string IndentUnit = "  ";
    private const int MaxWidth = 100;

    private readonly SourceText _source;
    private readonly ImmutableArray<CommentSyntax> _comments;
    private readonly StringBuilder _output = new();
    private readonly Dictionary<MemberSyntax, int> _nameWidths = new(ReferenceEqualityComparer.Instance);
    private int _nextComment;
    private int _lastEnd;
    private bool _atBlockStart = true;

    private ReftFormatter(SourceText source, DocumentSyntax document)
    {
        _source = source;
        _comments = document.Comments.OrderBy(c => c.Span.Start).ToImmutableArray();
    }

    /// <summary>Formats a document parsed from <paramref name="source"/>.</summary>
    public static string Format(SourceText source, DocumentSyntax document)
    {
        var formatter = new ReftFormatter(source, document);
        formatter.WriteDocument(document);
        return formatter._output.ToString();
    }

    /// <summary>Parses and formats; returns null (and the parse result's errors) when the text does not parse.</summary>
    public static (string? Formatted, ParseResult Parse) Format(SourceText source)
    {
        var parse = ReftParser.Parse(source);
        return parse.Root is null || parse.HasErrors ? (null, parse) : (Format(source, parse.Root), parse);
    }

    private void WriteDocument(DocumentSyntax document)
    {
        var pipeline = document.Pipeline;
        AlignDeclarationRuns(pipeline.Members);
        WriteCommentsBefore(pipeline.Span.Start, 0);
        WriteBlankLineIfSourceHadOne(pipeline.Span.Start);
        var open = $"pipeline {pipeline.Name.Text} {{";
        var firstInside = pipeline.Members.IsEmpty ? pipeline.Span.End - 1 : pipeline.Members[0].Span.Start;
        WriteLine(0, open, TakeTrailingComment(OpeningBraceOf(pipeline.Span.Start), firstInside));
        _lastEnd = OpeningBraceOf(pipeline.Span.Start) + 1;
        _atBlockStart = true;
        foreach (var member in pipeline.Members)
        {
            WriteMember(member, 1);
        }
        WriteClosingBrace(pipeline.Span.End, 0);
        WriteCommentsBefore(int.MaxValue, 0);
    }

    private void WriteMember(MemberSyntax member, int depth)
    {
        WriteCommentsBefore(member.Span.Start, depth);
        WriteBlankLineIfSourceHadOne(member.Span.Start);
        var nested = NestedLayout(member, depth);
        if (nested is null)
        {
            WriteCommentsInside(member.Span.Start, member.Span.End, depth);
            WriteLine(depth, PrintLine(member, _nameWidths.GetValueOrDefault(member)), TakeTrailingComment(member.Span.End, int.MaxValue));
            _lastEnd = member.Span.End;
            _atBlockStart = false;
            return;
        }
        var (header, properties, body) = nested.Value;
        WriteCommentsInside(member.Span.Start, body.Start, depth);
        var firstInside = properties.IsEmpty ? body.End - 1 : properties[0].Span.Start;
        WriteLine(depth, header + " {", TakeTrailingComment(body.Start + 1, firstInside));
        _lastEnd = body.Start + 1;
        _atBlockStart = true;
        foreach (var property in properties)
        {
            WriteMember(property, depth + 1);
        }
        WriteClosingBrace(body.End, depth);
    }

    /// <summary>
    /// Members printed over several lines: declarations with a block, and properties whose object
    /// value would make the line longer than <see cref="MaxWidth"/>.
    /// </summary>
    private static (string Header, ImmutableArray<PropertySyntax> Properties, TextSpan Body)? NestedLayout(MemberSyntax member, int depth) =>
        member switch
        {
            ModelDeclarationSyntax { Body: { } block } model => (PrintHeader(model), block.Properties, block.Span),
            DatasetDeclarationSyntax { Body: { } block } dataset => (PrintHeader(dataset), block.Properties, block.Span),
            StageDeclarationSyntax stage => (PrintHeader(stage), stage.Body.Properties, stage.Body.Span),
            PropertySyntax { Value: ObjectSyntax { Properties.IsEmpty: false } value } property
                when depth * IndentUnit.Length + PrintLine(property).Length > MaxWidth
                => (property.Key.Text + ":", value.Properties, value.Span),
            _ => null,
        };

    private void WriteClosingBrace(int end, int depth)
    {
        WriteCommentsBefore(end - 1, depth + 1);
        WriteLine(depth, "}", TakeTrailingComment(end, int.MaxValue));
        _lastEnd = end;
        _atBlockStart = false;
    }

    private static string PrintLine(MemberSyntax member, int nameWidth = 0) => member switch
    {
        PropertySyntax property => ExpressionPrinter.Print(property),
        RewardDeclarationSyntax reward => $"reward {reward.Name.Text.PadRight(nameWidth)} = {ExpressionPrinter.Print(reward.Expression)}"
            + (reward.Weight is null ? "" : " weight " + ExpressionPrinter.Print(reward.Weight)),
        ModelDeclarationSyntax { Initializer: { } initializer } model => $"model {model.Name.Text.PadRight(nameWidth)} = {ExpressionPrinter.Print(initializer)}",
        DatasetDeclarationSyntax { Initializer: { } initializer } dataset => $"dataset {dataset.Name.Text.PadRight(nameWidth)} = {ExpressionPrinter.Print(initializer)}",
        _ => throw new ArgumentOutOfRangeException(nameof(member), member.GetType().Name, "member has no one-line form"),
    };

    private static string PrintHeader(DeclarationSyntax declaration) => declaration switch
    {
        StageDeclarationSyntax stage => $"stage {stage.Name.Text}: {stage.Kind.Text}",
        _ => $"{declaration.Keyword.Text} {declaration.Name.Text}",
    };

    /// <summary>
    /// Consecutive one-line declarations of one kind (<c>dataset train = ...</c>, <c>dataset test = ...</c>)
    /// align their '='. A blank line or a comment other than a trailing one ends the run.
    /// </summary>
    private void AlignDeclarationRuns(ImmutableArray<MemberSyntax> members)
    {
        var run = new List<DeclarationSyntax>();
        foreach (var member in members)
        {
            var declaration = member is RewardDeclarationSyntax or ModelDeclarationSyntax { Initializer: not null } or DatasetDeclarationSyntax { Initializer: not null }
                ? (DeclarationSyntax)member
                : null;
            if (declaration is null || run.Count > 0 && !ContinuesRun(run[^1], declaration))
            {
                CloseRun(run);
            }
            if (declaration is not null)
            {
                run.Add(declaration);
            }
        }
        CloseRun(run);
    }

    private bool ContinuesRun(DeclarationSyntax previous, DeclarationSyntax next)
    {
        if (previous.Keyword.Text != next.Keyword.Text)
        {
            return false;
        }
        var previousLine = _source.GetLineIndex(previous.Span.End - 1);
        if (_source.GetLineIndex(next.Span.Start) != previousLine + 1)
        {
            return false;
        }
        return !_comments.Any(comment => comment.Span.Start >= previous.Span.End && comment.Span.Start < next.Span.End
            && _source.GetLineIndex(comment.Span.Start) != previousLine);
    }

    private void CloseRun(List<DeclarationSyntax> run)
    {
        var width = run.Count > 1 ? run.Max(declaration => declaration.Name.Text.Length) : 0;
        foreach (var declaration in run)
        {
            _nameWidths[declaration] = width;
        }
        run.Clear();
    }

    private void WriteCommentsBefore(int position, int depth)
    {
        while (_nextComment < _comments.Length && _comments[_nextComment].Span.Start < position)
        {
            var comment = _comments[_nextComment++];
            WriteBlankLineIfSourceHadOne(comment.Span.Start);
            WriteLine(depth, comment.Text);
            _lastEnd = comment.Span.End;
            _atBlockStart = false;
        }
    }

    /// <summary>Comments inside a member that is printed on one line go on their own lines above it.</summary>
    private void WriteCommentsInside(int start, int end, int depth)
    {
        while (_nextComment < _comments.Length && _comments[_nextComment].Span.Start >= start && _comments[_nextComment].Span.Start < end)
        {
            WriteLine(depth, _comments[_nextComment++].Text);
        }
    }

    /// <summary>The next comment when it sits on the line where <paramref name="afterEnd"/> is, before <paramref name="limit"/>.</summary>
    private CommentSyntax? TakeTrailingComment(int afterEnd, int limit)
    {
        if (_nextComment >= _comments.Length)
        {
            return null;
        }
        var comment = _comments[_nextComment];
        if (comment.Span.Start < afterEnd || comment.Span.Start >= limit
            || _source.GetLineIndex(comment.Span.Start) != _source.GetLineIndex(Math.Max(0, afterEnd - 1)))
        {
            return null;
        }
        _nextComment++;
        return comment;
    }

    private void WriteBlankLineIfSourceHadOne(int position)
    {
        if (_atBlockStart || position <= _lastEnd)
        {
            return;
        }
        var between = _source.Text.AsSpan(_lastEnd, Math.Min(position, _source.Length) - _lastEnd);
        var newlines = 0;
        foreach (var character in between)
        {
            if (character == '\n')
            {
                newlines++;
            }
            else if (!char.IsWhiteSpace(character))
            {
                newlines = 0;
            }
        }
        if (newlines >= 2)
        {
            _output.Append('\n');
        }
    }

    private int OpeningBraceOf(int headerStart) => _source.Text.IndexOf('{', headerStart);

    /// <summary>Writes one line; a trailing comment keeps its column when the code leaves room, else follows after two spaces.</summary>
    private void WriteLine(int depth, string text, CommentSyntax? trailing = null)
    {
        var lineStart = _output.Length;
        for (var i = 0; i < depth; i++)
        {
            _output.Append(IndentUnit);
        }
        _output.Append(text);
        if (trailing is not null)
        {
            var column = trailing.Span.Start - _source.GetLineStart(_source.GetLocation(trailing.Span.Start).Line);
            _output.Append(' ', Math.Max(IndentUnit.Length, column - (_output.Length - lineStart))).Append(trailing.Text);
        }
        _output.Append('\n');
    }
}
