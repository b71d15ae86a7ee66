using System.Collections.Immutable;
using Reft.Language.Diagnostics;
using Reft.Language.Syntax;

namespace Reft.Language.Parsing;

/// <summary>
/// Recursive descent over the token stream, one method per production of grammar/reft.ebnf.
/// Errors unwind to the enclosing member (property or declaration), which is skipped up to its
/// line end with brackets balanced, so every independent error of a file is reported in one run.
/// </summary>
internal sealed partial class DocumentParser
{
    private const int MaxDepth = 64;

    // A flat chain such as a + b + c + ... nests no brackets but still builds a tree as deep as it
    // is long, and every later pass walks that tree recursively; bounding the operators of one
    // value bounds the tree's depth.
    private const int MaxOperators = 256;

    private readonly SourceText _source;
    private readonly ImmutableArray<Token> _tokens;
    private readonly ImmutableArray<CommentSyntax> _comments;
    private readonly ImmutableArray<Diagnostic>.Builder _diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
    private int _position;
    private int _previousEnd;
    private int _depth;
    private int _operators;

    public DocumentParser(SourceText source, ImmutableArray<Token> tokens)
    {
        _source = source;
        var comments = ImmutableArray.CreateBuilder<CommentSyntax>();
        var significant = ImmutableArray.CreateBuilder<Token>();
        foreach (var token in tokens)
        {
            switch (token.Kind)
            {
                case TokenKind.Comment:
                    comments.Add(new CommentSyntax(token.Text.TrimEnd(), token.Span));
                    break;
                case TokenKind.BadCharacters:
                    _diagnostics.Add(DiagnosticCatalog.UnexpectedCharacter(source, token.Span, token.Text[0]));
                    break;
                default:
                    significant.Add(token);
                    break;
            }
        }
        _tokens = significant.ToImmutable();
        _comments = comments.ToImmutable();
    }

    private Token Current => _tokens[_position];

    private Token Peek(int offset) => _tokens[Math.Min(_position + offset, _tokens.Length - 1)];

    // EBNF: document = { newline } pipeline { newline } ;
    public ParseResult ParseDocument()
    {
        SkipNewlines();
        var pipeline = ParsePipeline();
        if (pipeline is not null)
        {
            SkipNewlines();
            if (Current.Kind != TokenKind.EndOfFile)
            {
                _diagnostics.Add(DiagnosticCatalog.TextAfterPipeline(_source, Current.Span, Describe(Current)));
            }
        }
        var root = pipeline is null ? null : new DocumentSyntax(pipeline, _comments, new TextSpan(0, _source.Length));
        return new ParseResult(root, SortedDiagnostics());
    }

    public (ExpressionSyntax? Expression, ImmutableArray<Diagnostic> Diagnostics) ParseStandaloneExpression()
    {
        ExpressionSyntax? expression = null;
        try
        {
            SkipNewlines();
            expression = ParseExpression("here");
            SkipNewlines();
            if (Current.Kind != TokenKind.EndOfFile)
            {
                throw Error(DiagnosticCatalog.ExpectedToken(_source, Current.Span, "the end of the expression", Describe(Current)));
            }
        }
        catch (SyntaxErrorException error)
        {
            _diagnostics.Add(error.Diagnostic);
            expression = null;
        }
        return (expression, SortedDiagnostics());
    }

    // EBNF: pipeline = "pipeline" name "{" members "}" ;
    private PipelineSyntax? ParsePipeline()
    {
        if (!IsWord(Current, "pipeline"))
        {
            _diagnostics.Add(DiagnosticCatalog.ExpectedPipeline(_source, Current.Span, Describe(Current)));
            return null;
        }
        var keyword = Advance();
        NameSyntax name;
        if (Current.Kind == TokenKind.Identifier)
        {
            name = ToName(Advance());
        }
        else
        {
            _diagnostics.Add(DiagnosticCatalog.ExpectedToken(_source, Current.Span, "a pipeline name after 'pipeline'", Describe(Current)));
            name = new NameSyntax("", new TextSpan(Current.Span.Start, 0));
        }
        if (Current.Kind != TokenKind.OpenBrace)
        {
            _diagnostics.Add(DiagnosticCatalog.ExpectedToken(_source, Current.Span, $"'{{' to open pipeline '{name.Text}'", Describe(Current)));
            return null;
        }
        var open = Advance();
        var members = ParseMembers(open, pipelineLevel: true);
        return new PipelineSyntax(name, members, TextSpan.FromBounds(keyword.Span.Start, _previousEnd));
    }

    // EBNF: members = { newline } [ member { newline { newline } member } ] { newline } ;
    private ImmutableArray<MemberSyntax> ParseMembers(Token open, bool pipelineLevel)
    {
        var members = ImmutableArray.CreateBuilder<MemberSyntax>();
        while (true)
        {
            if (!pipelineLevel && EndsBlockByIndentation(open))
            {
                _diagnostics.Add(DiagnosticCatalog.UnclosedDelimiter(_source, open.Span, '{', '}'));
                break;
            }
            SkipNewlines();
            if (Current.Kind == TokenKind.CloseBrace)
            {
                Advance();
                break;
            }
            if (Current.Kind == TokenKind.EndOfFile)
            {
                _diagnostics.Add(DiagnosticCatalog.UnclosedDelimiter(_source, open.Span, '{', '}'));
                break;
            }
            try
            {
                var member = ParseMember(pipelineLevel);
                if (Current.Kind is not (TokenKind.Newline or TokenKind.CloseBrace or TokenKind.EndOfFile))
                {
                    throw Error(DiagnosticCatalog.ExpectedLineBreak(_source, Current.Span, DescribeMember(member), Describe(Current)));
                }
                members.Add(member);
            }
            catch (SyntaxErrorException error)
            {
                _diagnostics.Add(error.Diagnostic);
                SkipToMemberEnd();
            }
        }
        return members.ToImmutable();
    }

    // EBNF: member = declaration | property ;
    private MemberSyntax ParseMember(bool pipelineLevel)
    {
        if (StartsDeclaration())
        {
            if (!pipelineLevel)
            {
                throw Error(DiagnosticCatalog.MisplacedDeclaration(_source, Current.Span, Current.Text));
            }
            return ParseDeclaration();
        }
        if (Current.Kind == TokenKind.Identifier)
        {
            return ParseProperty("");
        }
        throw Error(DiagnosticCatalog.ExpectedMember(_source, Current.Span, Describe(Current), pipelineLevel));
    }

    // EBNF: property = name ":" expression ;
    private PropertySyntax ParseProperty(string owner)
    {
        var key = ToName(Advance());
        if (Current.Kind != TokenKind.Colon)
        {
            throw Error(DiagnosticCatalog.ExpectedToken(_source, Current.Span, $"':' after '{key.Text}'{owner}", Describe(Current)));
        }
        Advance();
        var value = ParseExpression($"after '{key.Text}:'");
        return new PropertySyntax(key, value, TextSpan.FromBounds(key.Span.Start, _previousEnd));
    }

    // EBNF: declaration = model_decl | dataset_decl | reward_decl | stage_decl ;
    private DeclarationSyntax ParseDeclaration()
    {
        var keyword = ToName(Advance());
        var name = ToName(Advance());
        var header = $"{keyword.Text} {name.Text}";
        switch (keyword.Text)
        {
            case "model":
            case "dataset":
                return ParseModelOrDataset(keyword, name, header);
            case "reward":
                return ParseReward(keyword, name, header);
            default:
                return ParseStage(keyword, name, header);
        }
    }

    // EBNF: model_decl = "model" name ( "=" expression | block ) ;
    // EBNF: dataset_decl = "dataset" name ( "=" expression | block ) ;
    private DeclarationSyntax ParseModelOrDataset(NameSyntax keyword, NameSyntax name, string header)
    {
        BlockSyntax? body = null;
        ExpressionSyntax? initializer = null;
        if (Current.Kind == TokenKind.Assign)
        {
            Advance();
            initializer = ParseExpression($"after '{header} ='");
        }
        else if (Current.Kind == TokenKind.OpenBrace)
        {
            body = ParseBlock();
        }
        else
        {
            throw Error(DiagnosticCatalog.ExpectedDeclarationBody(_source, Current.Span, header, "'=' or '{'", Describe(Current)));
        }
        var span = TextSpan.FromBounds(keyword.Span.Start, _previousEnd);
        return keyword.Text == "model"
            ? new ModelDeclarationSyntax(keyword, name, body, initializer, span)
            : new DatasetDeclarationSyntax(keyword, name, body, initializer, span);
    }

    // EBNF: reward_decl = "reward" name "=" expression [ "weight" expression ] ;
    private RewardDeclarationSyntax ParseReward(NameSyntax keyword, NameSyntax name, string header)
    {
        if (Current.Kind != TokenKind.Assign)
        {
            throw Error(DiagnosticCatalog.ExpectedDeclarationBody(_source, Current.Span, header, "'=' and the reward expression", Describe(Current)));
        }
        Advance();
        var expression = ParseExpression($"after '{header} ='");
        ExpressionSyntax? weight = null;
        if (IsWord(Current, "weight"))
        {
            Advance();
            weight = ParseExpression("after 'weight'");
        }
        return new RewardDeclarationSyntax(keyword, name, expression, weight, TextSpan.FromBounds(keyword.Span.Start, _previousEnd));
    }

    // EBNF: stage_decl = "stage" name ":" name block ;
    private StageDeclarationSyntax ParseStage(NameSyntax keyword, NameSyntax name, string header)
    {
        if (Current.Kind != TokenKind.Colon)
        {
            throw Error(DiagnosticCatalog.ExpectedDeclarationBody(_source, Current.Span, header, "':' and the stage kind (sft or rl)", Describe(Current)));
        }
        Advance();
        if (Current.Kind != TokenKind.Identifier)
        {
            throw Error(DiagnosticCatalog.ExpectedDeclarationBody(_source, Current.Span, header + ":", "the stage kind (sft or rl)", Describe(Current)));
        }
        var kind = ToName(Advance());
        if (Current.Kind != TokenKind.OpenBrace)
        {
            throw Error(DiagnosticCatalog.ExpectedDeclarationBody(_source, Current.Span, $"{header}: {kind.Text}", "'{'", Describe(Current)));
        }
        var body = ParseBlock();
        return new StageDeclarationSyntax(keyword, name, kind, body, TextSpan.FromBounds(keyword.Span.Start, _previousEnd));
    }

    // EBNF: block = "{" members "}" ;   (members of a block are properties only)
    private BlockSyntax ParseBlock()
    {
        var open = Advance();
        var members = ParseMembers(open, pipelineLevel: false);
        return new BlockSyntax(members.OfType<PropertySyntax>().ToImmutableArray(), TextSpan.FromBounds(open.Span.Start, _previousEnd));
    }

    /// <summary>
    /// True when the next line's member sits back at the indentation of the block's header, so the
    /// block's '}' is missing. Stops before the line break, so the enclosing member ends cleanly.
    /// Files written flush-left carry no such signal, except a declaration, which a block cannot hold.
    /// </summary>
    private bool EndsBlockByIndentation(Token open)
    {
        var next = _position;
        while (_tokens[next].Kind == TokenKind.Newline)
        {
            next++;
        }
        var token = _tokens[next];
        if (next == _position || token.Kind is TokenKind.CloseBrace or TokenKind.EndOfFile || !IsDedented(token, open))
        {
            return false;
        }
        var startsDeclaration = token.Kind == TokenKind.Identifier
            && token.Text is "model" or "dataset" or "reward" or "stage"
            && _tokens[next + 1].Kind == TokenKind.Identifier;
        return startsDeclaration || IndentOfLine(open) > 0;
    }

    private bool StartsDeclaration() =>
        Current.Kind == TokenKind.Identifier
        && Current.Text is "model" or "dataset" or "reward" or "stage"
        && Peek(1).Kind == TokenKind.Identifier;

    private void SkipToMemberEnd()
    {
        var depth = 0;
        while (Current.Kind != TokenKind.EndOfFile)
        {
            var kind = Current.Kind;
            if (depth == 0 && kind is TokenKind.Newline or TokenKind.CloseBrace)
            {
                return;
            }
            if (kind is TokenKind.OpenBrace or TokenKind.OpenBracket or TokenKind.OpenParen)
            {
                depth++;
            }
            else if (kind is TokenKind.CloseBracket or TokenKind.CloseParen or TokenKind.CloseBrace && depth > 0)
            {
                depth--;
            }
            Advance();
        }
    }

    private void SkipNewlines()
    {
        while (Current.Kind == TokenKind.Newline)
        {
            Advance();
        }
    }

    private Token Advance()
    {
        var token = Current;
        if (token.Kind != TokenKind.EndOfFile)
        {
            _position++;
            _previousEnd = token.Span.End;
        }
        return token;
    }

    /// <summary>True when a token starting a line sits no deeper than the line that opened a bracket.</summary>
    private bool IsDedented(Token token, Token open)
    {
        var location = _source.GetLocation(token.Span.Start);
        return location.Line > _source.GetLocation(open.Span.Start).Line && location.Column - 1 <= IndentOfLine(open);
    }

    private int IndentOfLine(Token token)
    {
        var lineText = _source.GetLineText(_source.GetLocation(token.Span.Start).Line);
        return lineText.Length - lineText.TrimStart(' ', '\t').Length;
    }

    private static bool IsWord(Token token, string word) => token.Kind == TokenKind.Identifier && token.Text == word;

    private static NameSyntax ToName(Token token) => new(token.Text, token.Span);

    private static SyntaxErrorException Error(Diagnostic diagnostic) => new(diagnostic);

    private static string Describe(Token token) => token.Kind switch
    {
        TokenKind.EndOfFile => "the end of the file",
        TokenKind.Newline => "a line break",
        TokenKind.Number => $"number {token.Text}",
        TokenKind.String or TokenKind.UnterminatedString => "a string",
        _ => $"'{token.Text}'",
    };

    private static string DescribeMember(MemberSyntax member) => member switch
    {
        PropertySyntax property => $"property '{property.Key.Text}'",
        DeclarationSyntax declaration => $"'{declaration.Keyword.Text} {declaration.Name.Text}'",
        _ => "the member",
    };

    private ImmutableArray<Diagnostic> SortedDiagnostics() =>
        _diagnostics.OrderBy(d => d.Span.Start).ThenBy(d => d.Code, StringComparer.Ordinal).ToImmutableArray();
}
