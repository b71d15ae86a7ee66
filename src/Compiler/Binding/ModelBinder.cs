using Reft.Compiler.Binding.Knobs;
using Reft.Compiler.Plan;
using Reft.Language.Syntax;

namespace Reft.Compiler.Binding;

/// <summary>Binds the policy (tiny(...) or a checkpoint folder with its config.json) and frozen copies.</summary>
public sealed class ModelBinder(BindContext context)
{
    private const string Owner = "model";
    private readonly ValueReader reader = new(context, Owner);

    public ModelPlan? BindPolicy(ModelDeclarationSyntax declaration, BlockSyntax body)
    {
        var settings = Settings.FromProperties(context, "model", body.Properties, body.Span);
        var init = settings.Get(KnobTable.ModelInit);
        var checkpoint = settings.Get(KnobTable.ModelCheckpoint);
        if (init is not null && checkpoint is not null)
        {
            context.Report(DiagnosticCatalog.WrongValue(context.Source, checkpoint.KeySpan, "model " + declaration.Name.Text, "either init or checkpoint", "both"));
            return null;
        }
        if (init is null && checkpoint is null)
        {
            context.Report(DiagnosticCatalog.MissingSetting(context.Source, declaration.Name.Span, $"the weights of model '{declaration.Name.Text}' (init or checkpoint)",
                "add 'init: tiny(layers: 4, dim: 128, heads: 4)' or 'checkpoint: \"path/to/hf-folder\"'"));
            return null;
        }
        if (init is not null)
            return BindTiny(declaration, settings, init);
        return BindCheckpoint(declaration, settings, checkpoint!);
    }

    private ModelPlan? BindTiny(ModelDeclarationSyntax declaration, Settings settings, Setting init)
    {
        if (reader.Choice(init.Value, KnobTable.ModelInit, "tiny") is not { } choice)
            return null;
        var args = choice.Call is null ? Settings.FromProperties(context, "tiny", [], init.Value.Span) : Settings.FromCall(context, "tiny", choice.Call);
        var layers = reader.Integer(args, KnobTable.TinyLayers);
        var dim = reader.Integer(args, KnobTable.TinyDim);
        var heads = reader.Integer(args, KnobTable.TinyHeads);
        var kvHeads = args.Has(KnobTable.TinyKvHeads) ? reader.Integer(args, KnobTable.TinyKvHeads) : heads;
        var contextTokens = reader.Count(args, KnobTable.TinyContext);
        var vocab = reader.Integer(args, KnobTable.TinyVocab);
        var ffn = args.Has(KnobTable.TinyFfn) ? reader.Integer(args, KnobTable.TinyFfn) : 4 * dim;
        var tokenizer = BindTokenizer(settings, defaultJson: null);
        if (layers is null || dim is null || heads is null || kvHeads is null || contextTokens is null || vocab is null || ffn is null || tokenizer is null)
            return null;
        var config = new ModelConfig(layers.Value, dim.Value, heads.Value, kvHeads.Value, contextTokens.Value, vocab.Value, ffn.Value,
            TieEmbeddings: false, AttentionBias: false, RopeTheta: 10000, NormEpsilon: 1e-6);
        return new ModelPlan(declaration.Name.Text, new TinyModelSource(init.Value.Span), config, tokenizer, declaration.Span);
    }

    private ModelPlan? BindCheckpoint(ModelDeclarationSyntax declaration, Settings settings, Setting checkpoint)
    {
        var written = reader.Text(checkpoint.Value, KnobTable.ModelCheckpoint);
        reader.Record(KnobTable.ModelCheckpoint, checkpoint);
        if (written is null)
            return null;
        var folder = context.ResolvePath(written);
        if (!Directory.Exists(folder))
        {
            context.Report(DiagnosticCatalog.MissingModelFolder(context.Source, checkpoint.Value.Span, folder, isFile: File.Exists(folder)));
            return null;
        }
        var configPath = Path.Combine(folder, "config.json");
        if (!File.Exists(configPath))
        {
            context.Report(DiagnosticCatalog.MissingModelConfig(context.Source, checkpoint.Value.Span, folder));
            return null;
        }
        var config = HuggingFaceConfig.Read(configPath, out var architecture, out var problem);
        if (config is null)
        {
            context.Report(DiagnosticCatalog.InvalidModelConfig(context.Source, checkpoint.Value.Span, configPath, problem!));
            return null;
        }
        // A spec is often written where config.json is at hand but the weights are not yet: every
        // check that needs the model's shape can still run, and the gap is said once, as a warning.
        var defaultTokenizer = Path.Combine(folder, "tokenizer.json");
        var downloaded = HasWeights(folder);
        if (!downloaded)
            context.Report(DiagnosticCatalog.CheckpointNotDownloaded(context.Source, checkpoint.Value.Span, folder));
        var tokenizer = settings.Get(KnobTable.ModelTokenizer) is null && !downloaded
            ? new TokenizerPlan(TokenizerKind.Json, defaultTokenizer, settings.Span)
            : BindTokenizer(settings, defaultTokenizer);
        return tokenizer is null
            ? null
            : new ModelPlan(declaration.Name.Text, new CheckpointModelSource(written, folder, architecture, checkpoint.Value.Span), config, tokenizer, declaration.Span);
    }

    private static bool HasWeights(string folder) =>
        File.Exists(Path.Combine(folder, "model.safetensors.index.json")) || Directory.EnumerateFiles(folder, "*.safetensors").Any();

    /// <summary>chars, or a tokenizer.json; a checkpoint defaults to the one in its folder.</summary>
    private TokenizerPlan? BindTokenizer(Settings settings, string? defaultJson)
    {
        if (settings.Get(KnobTable.ModelTokenizer) is not { } setting)
        {
            if (defaultJson is null)
                return new TokenizerPlan(TokenizerKind.Chars, null, settings.Span);
            return RequireTokenizerFile(defaultJson, settings.Span);
        }
        reader.Record(KnobTable.ModelTokenizer, setting);
        if (setting.Value is StringLiteralSyntax path)
            return RequireTokenizerFile(context.ResolvePath(path.Value), setting.Value.Span);
        return reader.Option(setting.Value, KnobTable.ModelTokenizer, "chars") is null
            ? null
            : new TokenizerPlan(TokenizerKind.Chars, null, setting.Value.Span);
    }

    private TokenizerPlan? RequireTokenizerFile(string path, TextSpan span)
    {
        if (File.Exists(path))
            return new TokenizerPlan(TokenizerKind.Json, path, span);
        // A missing folder is reported once, as the folder; its tokenizer is not reported on top.
        if (Directory.Exists(Path.GetDirectoryName(path)))
            context.Report(DiagnosticCatalog.MissingTokenizerFile(context.Source, span, path, isFolder: Directory.Exists(path)));
        return null;
    }

    /// <summary><c>model reference = frozen(policy)</c>.</summary>
    public ReferencePlan? BindFrozen(ModelDeclarationSyntax declaration, ExpressionSyntax initializer, IReadOnlyCollection<string> models)
    {
        if (initializer is not CallSyntax { CalleeName: "frozen" } call || call.Arguments.Length != 1 || call.Arguments[0].Value is not IdentifierSyntax target)
        {
            context.Report(DiagnosticCatalog.WrongValue(context.Source, initializer.Span, "model " + declaration.Name.Text, "frozen(MODEL) or a { ... } body", ValueReader.Describe(initializer)));
            return null;
        }
        if (!models.Contains(target.Name))
        {
            context.Report(DiagnosticCatalog.UnknownModel(context.Source, target.Span, target.Name, NameSuggestions.Hint(target.Name, models)));
            return null;
        }
        return new ReferencePlan(declaration.Name.Text, target.Name, declaration.Span);
    }
}
