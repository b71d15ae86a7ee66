namespace Reft.Language.Diagnostics;

/// <summary>RFT1xxx: problems the parser finds in the text itself.</summary>
public static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor UnexpectedCharacterDescriptor = Error(
        "RFT1001", "Unexpected character",
        "Remove the character; reft text uses letters, digits, quotes and the punctuation { } [ ] ( ) : , . = % + - * / < > !.");

    public static Diagnostic UnexpectedCharacter(SourceText source, TextSpan span, char character) =>
        UnexpectedCharacterDescriptor.Create(source, span,
            $"unexpected character {Describe(character)}; remove it");

    public static readonly DiagnosticDescriptor UnterminatedStringDescriptor = Error(
        "RFT1002", "Unterminated string",
        "Close the string with '\"' on the same line; write a line break inside a string as \\n.");

    public static Diagnostic UnterminatedString(SourceText source, TextSpan span) =>
        UnterminatedStringDescriptor.Create(source, span,
            "unterminated string; close it with '\"' before the end of the line");

    public static readonly DiagnosticDescriptor InvalidEscapeDescriptor = Error(
        "RFT1003", "Invalid escape sequence",
        "Strings know the escapes \\\\ \\\" \\n \\r and \\t; write a backslash as \\\\.");

    public static Diagnostic InvalidEscape(SourceText source, TextSpan span, string escape) =>
        InvalidEscapeDescriptor.Create(source, span,
            $"invalid escape '{escape}' in string; use \\\\, \\\", \\n, \\r or \\t (write a backslash as \\\\)");

    public static readonly DiagnosticDescriptor InvalidNumberDescriptor = Error(
        "RFT1004", "Invalid number",
        "Write numbers as 12, 0.5, 1e-3 or 2.5E+4, within the range of a double.");

    public static Diagnostic InvalidNumber(SourceText source, TextSpan span, string text) =>
        InvalidNumberDescriptor.Create(source, span,
            $"'{text}' is not a valid number; write it as 12, 0.5 or 1e-3");

    public static readonly DiagnosticDescriptor ExpectedUnitDescriptor = Error(
        "RFT1005", "Expected a unit",
        "A number followed by a word is a quantity; the word must be one of the units prompts, completions, tokens, steps or layers.");

    public static Diagnostic ExpectedUnit(SourceText source, TextSpan span, string number, string found, string? suggestion) =>
        ExpectedUnitDescriptor.Create(source, span,
            $"expected a unit after {number}: prompts, completions, tokens, steps or layers, but found '{found}'"
            + (suggestion is null ? "" : $"; did you mean '{suggestion}'?"));

    public static readonly DiagnosticDescriptor ExpectedPipelineDescriptor = Error(
        "RFT1006", "Expected a pipeline",
        "A .reft file holds exactly one 'pipeline NAME { ... }'.");

    public static Diagnostic ExpectedPipeline(SourceText source, TextSpan span, string found) =>
        ExpectedPipelineDescriptor.Create(source, span,
            $"expected 'pipeline NAME {{' but found {found}; a .reft file starts with one pipeline declaration");

    public static readonly DiagnosticDescriptor ExpectedTokenDescriptor = Error(
        "RFT1007", "Expected a token",
        "The parser needed a specific symbol or name here; insert it or remove what is in the way.");

    public static Diagnostic ExpectedToken(SourceText source, TextSpan span, string expected, string found) =>
        ExpectedTokenDescriptor.Create(source, span, $"expected {expected} but found {found}");

    public static readonly DiagnosticDescriptor ExpectedValueDescriptor = Error(
        "RFT1008", "Expected a value",
        "Values are numbers, quantities (32 prompts), strings, true/false/none, names, ranges a..b, lists [..], objects { k: v }, calls f(x, k: v) and expressions.");

    public static Diagnostic ExpectedValue(SourceText source, TextSpan span, string context, string found) =>
        ExpectedValueDescriptor.Create(source, span,
            $"expected a value {context} but found {found}; write a number, string, name, list, object, call or expression");

    public static readonly DiagnosticDescriptor ExpectedMemberDescriptor = Error(
        "RFT1009", "Expected a property or declaration",
        "Inside a pipeline write 'key: value' or a declaration: model, dataset, reward or stage. Inside a block write 'key: value'.");

    public static Diagnostic ExpectedMember(SourceText source, TextSpan span, string found, bool declarationsAllowed) =>
        ExpectedMemberDescriptor.Create(source, span,
            declarationsAllowed
                ? $"expected a property 'key: value' or a declaration (model, dataset, reward, stage) but found {found}"
                : $"expected a property 'key: value' but found {found}");

    public static readonly DiagnosticDescriptor UnclosedDelimiterDescriptor = Error(
        "RFT1010", "Unclosed bracket",
        "Every '{', '[' and '(' needs its matching '}', ']' or ')'.");

    public static Diagnostic UnclosedDelimiter(SourceText source, TextSpan span, char open, char close) =>
        UnclosedDelimiterDescriptor.Create(source, span,
            $"'{open}' is never closed; add '{close}' where it ends");

    public static readonly DiagnosticDescriptor ExpectedLineBreakDescriptor = Error(
        "RFT1011", "Expected the end of the member",
        "Each property or declaration ends at the end of its line; put the next one on a new line.");

    public static Diagnostic ExpectedLineBreak(SourceText source, TextSpan span, string member, string found) =>
        ExpectedLineBreakDescriptor.Create(source, span,
            $"expected a line break after {member} but found {found}; put each property or declaration on its own line");

    public static readonly DiagnosticDescriptor TextAfterPipelineDescriptor = Error(
        "RFT1012", "Text after the pipeline",
        "A .reft file holds exactly one pipeline; move the text inside it or into another file.");

    public static Diagnostic TextAfterPipeline(SourceText source, TextSpan span, string found) =>
        TextAfterPipelineDescriptor.Create(source, span,
            $"found {found} after the closing '}}' of the pipeline; a file holds one pipeline, so move it inside the braces");

    public static readonly DiagnosticDescriptor ExpectedDeclarationBodyDescriptor = Error(
        "RFT1013", "Expected a declaration body",
        "Declarations are 'model NAME { ... }', 'model NAME = expr', 'dataset NAME = expr', 'reward NAME = expr [weight w]' and 'stage NAME: KIND { ... }'.");

    public static Diagnostic ExpectedDeclarationBody(SourceText source, TextSpan span, string declaration, string expected, string found) =>
        ExpectedDeclarationBodyDescriptor.Create(source, span,
            $"expected {expected} after '{declaration}' but found {found}");

    public static readonly DiagnosticDescriptor MisplacedDeclarationDescriptor = Error(
        "RFT1014", "Declaration inside a block",
        "model, dataset, reward and stage are declared directly inside the pipeline, not inside another block.");

    public static Diagnostic MisplacedDeclaration(SourceText source, TextSpan span, string keyword) =>
        MisplacedDeclarationDescriptor.Create(source, span,
            $"'{keyword}' declarations belong directly inside the pipeline; move it out of this block");

    public static readonly DiagnosticDescriptor NestingTooDeepDescriptor = Error(
        "RFT1015", "Nesting too deep",
        "Expressions, lists and objects may nest at most 64 levels, and one value may hold at most 256 operators; split the value up.");

    public static Diagnostic NestingTooDeep(SourceText source, TextSpan span) =>
        NestingTooDeepDescriptor.Create(source, span,
            "this value nests brackets or operators more than 64 levels deep; simplify it");

    public static Diagnostic TooManyOperators(SourceText source, TextSpan span) =>
        NestingTooDeepDescriptor.Create(source, span,
            "this value holds more than 256 operators, calls and member accesses; split it into several rewards or fields");

    private static string Describe(char character) =>
        char.IsControl(character) || char.IsWhiteSpace(character)
            ? $"U+{(int)character:X4}"
            : $"'{character}'";
}
