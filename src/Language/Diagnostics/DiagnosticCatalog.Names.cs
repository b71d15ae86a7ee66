namespace Reft.Language.Diagnostics;

/// <summary>RFT2xxx: names that do not resolve (written by the compiler's binder).</summary>
public static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor UnknownKeyDescriptor = Error(
        "RFT2001", "Unknown setting",
        "Check the spelling; docs/language.md lists every knob of each block.");

    public static Diagnostic UnknownKey(SourceText source, TextSpan span, string key, string scope, string hint) =>
        UnknownKeyDescriptor.Create(source, span, $"unknown setting '{key}' in {scope}{hint}");

    public static readonly DiagnosticDescriptor DuplicateDeclarationDescriptor = Error(
        "RFT2002", "Name declared twice",
        "Give each model, dataset, reward and stage its own name.");

    public static Diagnostic DuplicateDeclaration(SourceText source, TextSpan span, string kind, string name) =>
        DuplicateDeclarationDescriptor.Create(source, span, $"{kind} '{name}' is already declared; rename one of them");

    public static readonly DiagnosticDescriptor UnknownDatasetDescriptor = Error(
        "RFT2003", "Unknown dataset",
        "Declare it with 'dataset NAME = ...' or use a declared name.");

    public static Diagnostic UnknownDataset(SourceText source, TextSpan span, string name, string hint) =>
        UnknownDatasetDescriptor.Create(source, span, $"no dataset named '{name}'{hint}");

    public static readonly DiagnosticDescriptor UnknownModelDescriptor = Error(
        "RFT2004", "Unknown model",
        "Refer to a declared model, e.g. frozen(policy).");

    public static Diagnostic UnknownModel(SourceText source, TextSpan span, string name, string hint) =>
        UnknownModelDescriptor.Create(source, span, $"no model named '{name}'{hint}");

    public static readonly DiagnosticDescriptor UnknownRewardDescriptor = Error(
        "RFT2005", "Unknown reward",
        "Metrics can only name declared rewards.");

    public static Diagnostic UnknownReward(SourceText source, TextSpan span, string name, string hint) =>
        UnknownRewardDescriptor.Create(source, span, $"no reward named '{name}'{hint}");

    public static readonly DiagnosticDescriptor UnknownFieldDescriptor = Error(
        "RFT2006", "Unknown field",
        "Expressions and prompt holes can use completion and the fields of the dataset.");

    public static Diagnostic UnknownField(SourceText source, TextSpan span, string name, string where, string hint) =>
        UnknownFieldDescriptor.Create(source, span, $"'{name}' is not a field {where}{hint}");

    public static readonly DiagnosticDescriptor UnknownFunctionDescriptor = Error(
        "RFT2007", "Unknown function",
        "Only the built-in verifiers can be called: number, boxed, after, math_equal, matches, contains, length, abs, min, max, mean.");

    public static Diagnostic UnknownFunction(SourceText source, TextSpan span, string name, string hint) =>
        UnknownFunctionDescriptor.Create(source, span, $"'{name}' is not a built-in function{hint}");

    public static readonly DiagnosticDescriptor UnknownOptionDescriptor = Error(
        "RFT2008", "Unknown value",
        "Use one of the values the knob lists in docs/language.md.");

    public static Diagnostic UnknownOption(SourceText source, TextSpan span, string value, string knob, string hint) =>
        UnknownOptionDescriptor.Create(source, span, $"'{value}' is not a value of {knob}{hint}");

    public static readonly DiagnosticDescriptor DuplicateKeyDescriptor = Error(
        "RFT2009", "Setting given twice",
        "Keep one of the two settings.");

    public static Diagnostic DuplicateKey(SourceText source, TextSpan span, string key) =>
        DuplicateKeyDescriptor.Create(source, span, $"'{key}' is set twice; remove one of them");

    public static readonly DiagnosticDescriptor UnknownStageKindDescriptor = Error(
        "RFT2010", "Unknown stage kind",
        "A stage is 'sft' (supervised warm-up) or 'rl'.");

    public static Diagnostic UnknownStageKind(SourceText source, TextSpan span, string kind, string hint) =>
        UnknownStageKindDescriptor.Create(source, span, $"'{kind}' is not a stage kind{hint}");

    public static readonly DiagnosticDescriptor MissingSettingDescriptor = Error(
        "RFT2011", "Missing setting",
        "Add the setting the message names.");

    public static Diagnostic MissingSetting(SourceText source, TextSpan span, string what, string fix) =>
        MissingSettingDescriptor.Create(source, span, $"{what} is missing; {fix}");

    public static readonly DiagnosticDescriptor MissingPolicyDescriptor = Error(
        "RFT2012", "No policy model",
        "Declare the model to train: model policy { init: tiny(...) } or { checkpoint: \"path\" }.");

    public static Diagnostic MissingPolicy(SourceText source, TextSpan span) =>
        MissingPolicyDescriptor.Create(source, span, $"the pipeline declares no model to train; add 'model policy {{ init: tiny() }}' or 'model policy {{ checkpoint: \"path\" }}'");

    public static readonly DiagnosticDescriptor NoStagesDescriptor = Error(
        "RFT2013", "No stages",
        "Add at least one 'stage NAME: sft { ... }' or 'stage NAME: rl { ... }'.");

    public static Diagnostic NoStages(SourceText source, TextSpan span, string pipeline) =>
        NoStagesDescriptor.Create(source, span, $"pipeline '{pipeline}' has no stage; add 'stage rl: rl {{ ... }}'");

    public static readonly DiagnosticDescriptor UnknownRawKeyDescriptor = Error(
        "RFT2014", "Key missing from the data file",
        "A field mapping can only read keys present in the file's rows.");

    public static Diagnostic UnknownRawKey(SourceText source, TextSpan span, string key, string path, string hint) =>
        UnknownRawKeyDescriptor.Create(source, span, $"the first row of {path} has no key '{key}'{hint}");

    public static readonly DiagnosticDescriptor ReservedNameDescriptor = Error(
        "RFT2015", "Reserved name",
        "completion and advantage are built in; choose another name.");

    public static Diagnostic ReservedName(SourceText source, TextSpan span, string name) =>
        ReservedNameDescriptor.Create(source, span, $"'{name}' is a built-in name; choose another one");

    public static readonly DiagnosticDescriptor SecondPolicyDescriptor = Error(
        "RFT2016", "Two trainable models",
        "A pipeline trains one policy; other models are frozen copies: model reference = frozen(policy).");

    public static Diagnostic SecondPolicy(SourceText source, TextSpan span, string name, string policy) =>
        SecondPolicyDescriptor.Create(source, span, $"model '{name}' would be a second trainable policy besides '{policy}'; declare it as 'model {name} = frozen({policy})'");
}
