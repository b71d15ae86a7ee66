using System.Text;
using Reft.Compiler.Binding.Knobs;
using Reft.Compiler.Plan;
using Reft.Language.Syntax;

namespace Reft.Compiler.Binding;

/// <summary>
/// Binds <c>prompt: "...{field}..."</c> or <c>chat(system: ..., user: ...)</c>. A hole is
/// <c>{identifier}</c>; every other brace is literal (so <c>\boxed{}</c> needs no escaping), and
/// <c>{{</c> / <c>}}</c> write a literal brace before a name.
/// </summary>
public sealed class PromptBinder(BindContext context)
{
    private readonly ValueReader reader = new(context, "pipeline");

    public PromptPlan? Bind(Setting? setting, TextSpan pipelineSpan)
    {
        if (setting is null)
            return new PromptPlan(PromptKind.Plain, EquatableArray<PromptSegment>.Empty,
                EquatableArray.Create<PromptSegment>(new PromptHole("prompt", pipelineSpan)), pipelineSpan);
        reader.Record(KnobTable.Prompt, setting);
        if (setting.Value is StringLiteralSyntax plain)
            return Segments(plain) is { } user ? new PromptPlan(PromptKind.Plain, EquatableArray<PromptSegment>.Empty, user, setting.Value.Span) : null;
        if (reader.Choice(setting.Value, KnobTable.Prompt, "chat") is not { Call: { } call })
        {
            if (setting.Value is IdentifierSyntax)
                return null;
            context.Report(DiagnosticCatalog.WrongValue(context.Source, setting.Value.Span, "prompt", "a string or chat(system: ..., user: ...)", ValueReader.Describe(setting.Value)));
            return null;
        }
        var settings = Settings.FromCall(context, "chat", call);
        var system = settings.Get(KnobTable.ChatSystem) is { } systemSetting ? Literal(systemSetting, KnobTable.ChatSystem) : EquatableArray<PromptSegment>.Empty;
        if (settings.Get(KnobTable.ChatUser) is not { } userSetting)
        {
            context.Report(DiagnosticCatalog.MissingSetting(context.Source, call.Span, "the user message of chat(...)", "add user: \"{prompt}\""));
            return null;
        }
        var userSegments = Literal(userSetting, KnobTable.ChatUser);
        return system is null || userSegments is null ? null : new PromptPlan(PromptKind.Chat, system.Value, userSegments.Value, setting.Value.Span);
    }

    private EquatableArray<PromptSegment>? Literal(Setting setting, Knob knob)
    {
        if (setting.Value is StringLiteralSyntax literal)
            return Segments(literal);
        context.Report(DiagnosticCatalog.WrongValue(context.Source, setting.Value.Span, knob.Key, "a string", ValueReader.Describe(setting.Value)));
        return null;
    }

    private EquatableArray<PromptSegment>? Segments(StringLiteralSyntax literal)
    {
        var text = literal.Value;
        var offsets = SourceOffsets(literal);
        var segments = new List<PromptSegment>();
        var pending = new StringBuilder();
        var ok = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c == '{' || c == '}') && i + 1 < text.Length && text[i + 1] == c)
            {
                pending.Append(c);
                i++;
                continue;
            }
            if (c == '{' && i + 1 < text.Length && (char.IsLetter(text[i + 1]) || text[i + 1] == '_'))
            {
                var end = i + 1;
                while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
                    end++;
                if (end >= text.Length || text[end] != '}')
                {
                    context.Report(DiagnosticCatalog.TemplateSyntax(context.Source, TextSpan.FromBounds(offsets[i], offsets[end - 1] + 1), $"the hole '{text[i..end]}' is not closed with '}}'"));
                    ok = false;
                    i = end - 1;
                    continue;
                }
                if (pending.Length > 0)
                    segments.Add(new PromptLiteral(pending.ToString()));
                pending.Clear();
                segments.Add(new PromptHole(text[(i + 1)..end], TextSpan.FromBounds(offsets[i], offsets[end] + 1)));
                i = end;
                continue;
            }
            pending.Append(c);
        }
        if (pending.Length > 0)
            segments.Add(new PromptLiteral(pending.ToString()));
        return ok ? segments.ToEquatableArray() : null;
    }

    /// <summary>The source offset of each character of the unescaped value (escapes map to their backslash).</summary>
    private static int[] SourceOffsets(StringLiteralSyntax literal)
    {
        var offsets = new List<int>();
        var raw = literal.Text;
        for (var i = 1; i < raw.Length - 1; i++)
        {
            offsets.Add(literal.Span.Start + i);
            if (raw[i] == '\\')
                i++;
        }
        offsets.Add(literal.Span.Start + raw.Length - 1);
        return offsets.ToArray();
    }
}
