namespace Reft.Language.Diagnostics;

/// <summary>RFT4xxx: pipeline rules checked on the bound plan, files and model shapes.</summary>
public static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor GroupTooSmallDescriptor = Error(
        "RFT4001", "Group too small",
        "Group-relative advantages compare completions of one prompt; use group ≥ 2.");

    public static Diagnostic GroupTooSmall(SourceText source, TextSpan span, int group) =>
        GroupTooSmallDescriptor.Create(source, span, $"group of {group} completion(s) gives every completion advantage 0; use at least 2 completions");

    public static readonly DiagnosticDescriptor BatchNotMultipleOfSampleDescriptor = Error(
        "RFT4002", "Batch not a multiple of dash.sample",
        "The batch is sampled in chunks of dash.sample prompts.");

    public static Diagnostic BatchNotMultipleOfSample(SourceText source, TextSpan span, int batch, int sample) =>
        BatchNotMultipleOfSampleDescriptor.Create(source, span, $"batch of {batch} prompts is not a multiple of dash.sample {sample} prompts; make sample divide the batch");

    public static readonly DiagnosticDescriptor SampleNotMultipleOfMicroDescriptor = Error(
        "RFT4003", "dash.sample not a multiple of micro",
        "Each sampled chunk is backpropagated in micro batches.");

    public static Diagnostic SampleNotMultipleOfMicro(SourceText source, TextSpan span, int sample, int micro) =>
        SampleNotMultipleOfMicroDescriptor.Create(source, span, $"dash.sample of {sample} prompts is not a multiple of micro {micro} prompts; make micro divide sample");

    public static readonly DiagnosticDescriptor ClipOutOfRangeDescriptor = Error(
        "RFT4004", "Clip bound out of range",
        "Clip bounds lie strictly between 0 and 1.");

    public static Diagnostic ClipOutOfRange(SourceText source, TextSpan span, string bound, string value) =>
        ClipOutOfRangeDescriptor.Create(source, span, $"clip {bound} {value} is outside (0, 1); use e.g. 0.2");

    public static readonly DiagnosticDescriptor ClipOrderDescriptor = Error(
        "RFT4005", "Clip bounds out of order",
        "Write clip: ε_low .. ε_high with ε_low ≤ ε_high.");

    public static Diagnostic ClipOrder(SourceText source, TextSpan span, string low, string high) =>
        ClipOrderDescriptor.Create(source, span, $"clip {low} .. {high} is out of order; write the smaller bound first");

    public static readonly DiagnosticDescriptor LearningRateNotPositiveDescriptor = Error(
        "RFT4006", "Learning rate not positive",
        "lr must be > 0, e.g. 1e-6 for RL on a pretrained model.");

    public static Diagnostic LearningRateNotPositive(SourceText source, TextSpan span, string value) =>
        LearningRateNotPositiveDescriptor.Create(source, span, $"lr {value} must be positive; use e.g. 1e-5");

    public static readonly DiagnosticDescriptor StepsTooFewDescriptor = Error(
        "RFT4007", "No steps",
        "A stage runs at least one optimizer step.");

    public static Diagnostic StepsTooFew(SourceText source, TextSpan span, string stage, string value) =>
        StepsTooFewDescriptor.Create(source, span, $"stage '{stage}' has {value} steps; use at least 1 step");

    public static readonly DiagnosticDescriptor ContextOverflowDescriptor = Error(
        "RFT4008", "Prompt and completion exceed the context",
        "max_prompt_tokens + max_tokens must fit the model's context.");

    public static Diagnostic ContextOverflow(SourceText source, TextSpan span, int prompt, int completion, int context) =>
        ContextOverflowDescriptor.Create(source, span, $"{prompt} prompt tokens + {completion} completion tokens exceed the model context of {context} tokens; lower max_tokens or max_prompt_tokens");

    public static readonly DiagnosticDescriptor KlWithoutReferenceDescriptor = Error(
        "RFT4009", "KL without a reference model",
        "Declare model reference = frozen(policy), or write kl: none.");

    public static Diagnostic KlWithoutReference(SourceText source, TextSpan span) =>
        KlWithoutReferenceDescriptor.Create(source, span, $"kl needs a reference model; declare 'model reference = frozen(policy)' or write 'kl: none'");

    public static readonly DiagnosticDescriptor AgroWithoutReferenceDescriptor = Error(
        "RFT4010", "AGRO without a reference model",
        "AGRO regularises towards π_ref; declare model reference = frozen(policy).");

    public static Diagnostic AgroWithoutReference(SourceText source, TextSpan span) =>
        AgroWithoutReferenceDescriptor.Create(source, span, $"objective agro needs a reference model; declare 'model reference = frozen(policy)'");

    public static readonly DiagnosticDescriptor AgroBetaNotPositiveDescriptor = Error(
        "RFT4011", "AGRO β not positive",
        "AGRO needs β > 0 (β = 0 removes the regulariser its consistency rests on).");

    public static Diagnostic AgroBetaNotPositive(SourceText source, TextSpan span, string value) =>
        AgroBetaNotPositiveDescriptor.Create(source, span, $"agro beta {value} must be positive; use e.g. agro(beta: 0.05)");

    public static readonly DiagnosticDescriptor MissingCorrectionDescriptor = Error(
        "RFT4012", "Off-policy behaviour without a correction",
        "Declare correction: truncated_is(...), masked_is(...), retrace(...), behaviour_ratio, or none to accept the bias.");

    public static Diagnostic MissingCorrection(SourceText source, TextSpan span, string behaviour) =>
        MissingCorrectionDescriptor.Create(source, span, $"behavior {behaviour} samples off-policy but no correction is declared; add e.g. 'correction: truncated_is(max: 2.0)' (or 'correction: none' to accept the bias)");

    public static readonly DiagnosticDescriptor UncorrectedOffPolicyDescriptor = Warning(
        "RFT4013", "Off-policy samples treated as on-policy",
        "correction: none with an off-policy behaviour gives a biased gradient.");

    public static Diagnostic UncorrectedOffPolicy(SourceText source, TextSpan span, string behaviour) =>
        UncorrectedOffPolicyDescriptor.Create(source, span, $"correction none treats the off-policy samples of {behaviour} as on-policy, which biases the gradient; consider truncated_is(max: 2.0)");

    public static readonly DiagnosticDescriptor SkipLeavesNoLayerDescriptor = Error(
        "RFT4014", "Skipping every layer",
        "The behaviour model needs at least one layer.");

    public static Diagnostic SkipLeavesNoLayer(SourceText source, TextSpan span, int skip, int depth) =>
        SkipLeavesNoLayerDescriptor.Create(source, span, $"skipping up to {skip} of {depth} layers leaves no layer; skip fewer");

    public static readonly DiagnosticDescriptor SkipExceedsSkippableDescriptor = Error(
        "RFT4015", "Skipping protected layers",
        "keep_first and keep_last layers can never be skipped.");

    public static Diagnostic SkipExceedsSkippable(SourceText source, TextSpan span, int skip, int skippable, int depth, int keepFirst, int keepLast) =>
        SkipExceedsSkippableDescriptor.Create(source, span, $"skipping up to {skip} layers needs more than the {skippable} skippable layers of {depth} (keep_first {keepFirst}, keep_last {keepLast}); skip fewer or protect fewer");

    public static readonly DiagnosticDescriptor SkipLayerProtectedDescriptor = Error(
        "RFT4016", "Fixed skip list touches a protected layer",
        "Fixed layers are 0-based and must lie in [keep_first, depth − keep_last).");

    public static Diagnostic SkipLayerProtected(SourceText source, TextSpan span, int layer, int first, int last) =>
        SkipLayerProtectedDescriptor.Create(source, span, $"layer {layer} cannot be skipped; skippable layers are {first}..{last}");

    public static readonly DiagnosticDescriptor CorrectionWithoutOffPolicyDescriptor = Warning(
        "RFT4017", "Correction without off-policy samples",
        "With behavior full the samples are on-policy; the correction has no effect.");

    public static Diagnostic CorrectionWithoutOffPolicy(SourceText source, TextSpan span, string correction) =>
        CorrectionWithoutOffPolicyDescriptor.Create(source, span, $"correction {correction} has no effect because behavior is full (on-policy); remove it");

    public static readonly DiagnosticDescriptor FilterRemovesEverythingDescriptor = Error(
        "RFT4018", "Filter removes every sample",
        "The gradient filter must be able to keep some completions.");

    public static Diagnostic FilterRemovesEverything(SourceText source, TextSpan span, string why) =>
        FilterRemovesEverythingDescriptor.Create(source, span, $"the filter removes every completion: {why}; lower the threshold");

    public static readonly DiagnosticDescriptor CheckpointIntervalTooLongDescriptor = Warning(
        "RFT4019", "Checkpoint interval longer than the stage",
        "No checkpoint would be written during the stage.");

    public static Diagnostic CheckpointIntervalTooLong(SourceText source, TextSpan span, int every, string stage, int steps) =>
        CheckpointIntervalTooLongDescriptor.Create(source, span, $"checkpoint every {every} steps never fires in stage '{stage}' of {steps} steps; shorten the interval");

    public static readonly DiagnosticDescriptor EvalIntervalTooLongDescriptor = Warning(
        "RFT4020", "Eval interval longer than the stage",
        "No evaluation would run during the stage.");

    public static Diagnostic EvalIntervalTooLong(SourceText source, TextSpan span, int every, string stage, int steps) =>
        EvalIntervalTooLongDescriptor.Create(source, span, $"eval every {every} steps never runs in stage '{stage}' of {steps} steps; shorten the interval");

    public static readonly DiagnosticDescriptor MissingDataFileDescriptor = Error(
        "RFT4021", "Data file not found",
        "Paths are relative to the .reft file's folder.");

    public static Diagnostic MissingDataFile(SourceText source, TextSpan span, string path, bool isFolder = false) =>
        MissingDataFileDescriptor.Create(source, span, isFolder
            ? $"data file not found: {path} is a folder; name the .jsonl file inside it"
            : $"data file not found: {path}; fix the path (relative to the .reft file)");

    public static readonly DiagnosticDescriptor MissingModelFolderDescriptor = Error(
        "RFT4022", "Model folder not found",
        "Paths are relative to the .reft file's folder; download the checkpoint there.");

    public static Diagnostic MissingModelFolder(SourceText source, TextSpan span, string path, bool isFile = false) =>
        MissingModelFolderDescriptor.Create(source, span, isFile
            ? $"model folder not found: {path} is a file; name the folder that holds config.json and the *.safetensors"
            : $"model folder not found: {path}; download the checkpoint there or fix the path (relative to the .reft file)");

    public static readonly DiagnosticDescriptor MissingModelConfigDescriptor = Error(
        "RFT4023", "config.json missing",
        "A Hugging Face checkpoint folder holds config.json beside the weights.");

    public static Diagnostic MissingModelConfig(SourceText source, TextSpan span, string path) =>
        MissingModelConfigDescriptor.Create(source, span, $"{path} has no config.json; point checkpoint at a Hugging Face model folder");

    public static readonly DiagnosticDescriptor CheckpointNotDownloadedDescriptor = Warning(
        "RFT4051", "Checkpoint weights not downloaded yet",
        "The folder holds config.json, so every shape check ran; `reftc run` needs the weights and tokenizer.json beside it.");

    public static Diagnostic CheckpointNotDownloaded(SourceText source, TextSpan span, string folder) =>
        CheckpointNotDownloadedDescriptor.Create(source, span,
            $"{folder} has config.json but no *.safetensors yet; download the checkpoint there before `reftc run` (e.g. huggingface-cli download <repo> --local-dir {folder})");

    public static readonly DiagnosticDescriptor WidthNotDivisibleByHeadsDescriptor = Error(
        "RFT4024", "Width not divisible by heads",
        "Each head gets dim / heads channels.");

    public static Diagnostic WidthNotDivisibleByHeads(SourceText source, TextSpan span, int dim, int heads) =>
        WidthNotDivisibleByHeadsDescriptor.Create(source, span, $"dim {dim} is not a multiple of heads {heads}; change one of them");

    public static readonly DiagnosticDescriptor HeadsNotDivisibleByKvHeadsDescriptor = Error(
        "RFT4025", "Heads not divisible by kv_heads",
        "Grouped-query attention shares each key/value head among heads / kv_heads heads.");

    public static Diagnostic HeadsNotDivisibleByKvHeads(SourceText source, TextSpan span, int heads, int kvHeads) =>
        HeadsNotDivisibleByKvHeadsDescriptor.Create(source, span, $"heads {heads} is not a multiple of kv_heads {kvHeads}; change one of them");

    public static readonly DiagnosticDescriptor EpochsTooFewDescriptor = Error(
        "RFT4026", "No epochs",
        "Each rollout batch is used for at least one update.");

    public static Diagnostic EpochsTooFew(SourceText source, TextSpan span, string value) =>
        EpochsTooFewDescriptor.Create(source, span, $"epochs {value} must be at least 1");

    public static readonly DiagnosticDescriptor TemperatureNotPositiveDescriptor = Error(
        "RFT4027", "Temperature not positive",
        "Sampling needs temperature > 0.");

    public static Diagnostic TemperatureNotPositive(SourceText source, TextSpan span, string value) =>
        TemperatureNotPositiveDescriptor.Create(source, span, $"temperature {value} must be positive; use e.g. 1.0");

    public static readonly DiagnosticDescriptor TopPOutOfRangeDescriptor = Error(
        "RFT4028", "top_p out of range",
        "top_p lies in (0, 1].");

    public static Diagnostic TopPOutOfRange(SourceText source, TextSpan span, string value) =>
        TopPOutOfRangeDescriptor.Create(source, span, $"top_p {value} is outside (0, 1]; use 1.0 to turn it off");

    public static readonly DiagnosticDescriptor TopKNegativeDescriptor = Error(
        "RFT4029", "top_k negative",
        "top_k is 0 (off) or a positive count.");

    public static Diagnostic TopKNegative(SourceText source, TextSpan span, string value) =>
        TopKNegativeDescriptor.Create(source, span, $"top_k {value} must be 0 (off) or positive");

    public static readonly DiagnosticDescriptor DualClipTooSmallDescriptor = Error(
        "RFT4030", "Dual clip too small",
        "Dual clip c must exceed 1.");

    public static Diagnostic DualClipTooSmall(SourceText source, TextSpan span, string value) =>
        DualClipTooSmallDescriptor.Create(source, span, $"dual_clip {value} must be greater than 1; use e.g. 3.0");

    public static readonly DiagnosticDescriptor CorrectionParameterOutOfRangeDescriptor = Error(
        "RFT4031", "Correction parameter out of range",
        "Truncation thresholds are > 0; retrace λ lies in (0, 1].");

    public static Diagnostic CorrectionParameterOutOfRange(SourceText source, TextSpan span, string parameter, string value, string range) =>
        CorrectionParameterOutOfRangeDescriptor.Create(source, span, $"{parameter} {value} is outside {range}");

    public static readonly DiagnosticDescriptor OptimizerParameterOutOfRangeDescriptor = Error(
        "RFT4032", "Optimizer parameter out of range",
        "betas lie in [0, 1); eps and grad_clip are > 0; weight_decay ≥ 0.");

    public static Diagnostic OptimizerParameterOutOfRange(SourceText source, TextSpan span, string parameter, string value, string range) =>
        OptimizerParameterOutOfRangeDescriptor.Create(source, span, $"{parameter} {value} is outside {range}");

    public static readonly DiagnosticDescriptor WarmupTooLongDescriptor = Warning(
        "RFT4033", "Warm-up longer than the stage",
        "The learning rate would never reach its peak.");

    public static Diagnostic WarmupTooLong(SourceText source, TextSpan span, int warmup, string stage, int steps) =>
        WarmupTooLongDescriptor.Create(source, span, $"warmup of {warmup} steps is not shorter than stage '{stage}' ({steps} steps); the learning rate never reaches lr");

    public static readonly DiagnosticDescriptor EvalOnTrainingDataDescriptor = Warning(
        "RFT4034", "Evaluating on training data",
        "Evaluate on held-out data to measure generalisation.");

    public static Diagnostic EvalOnTrainingData(SourceText source, TextSpan span, string dataset) =>
        EvalOnTrainingDataDescriptor.Create(source, span, $"eval runs on '{dataset}', the stage's training data; evaluate on a held-out dataset");

    public static readonly DiagnosticDescriptor RewardIgnoresCompletionDescriptor = Warning(
        "RFT4035", "Reward ignores the completion",
        "A reward that never reads completion is the same for every completion of a prompt, so its advantage is 0.");

    public static Diagnostic RewardIgnoresCompletion(SourceText source, TextSpan span, string name) =>
        RewardIgnoresCompletionDescriptor.Create(source, span, $"reward '{name}' does not depend on completion, so it never changes an advantage");

    public static readonly DiagnosticDescriptor KnobNotForStageKindDescriptor = Error(
        "RFT4036", "Setting of another stage kind",
        "sft stages take data, steps, batch, micro, optimizer, eval, log; the RL knobs belong in rl stages.");

    public static Diagnostic KnobNotForStageKind(SourceText source, TextSpan span, string key, string kind) =>
        KnobNotForStageKindDescriptor.Create(source, span, $"'{key}' is not a setting of {kind} stages; move it to an rl stage or remove it");

    public static readonly DiagnosticDescriptor NegativeValueDescriptor = Error(
        "RFT4037", "Negative value",
        "This knob counts something; it cannot be negative.");

    public static Diagnostic NegativeValue(SourceText source, TextSpan span, string knob, string value) =>
        NegativeValueDescriptor.Create(source, span, $"{knob} {value} must not be negative");

    public static readonly DiagnosticDescriptor InvalidArithmeticDescriptor = Error(
        "RFT4038", "Invalid arithmetic generator",
        "digits lie in 1..9; ops uses only + - *.");

    public static Diagnostic InvalidArithmetic(SourceText source, TextSpan span, string problem) =>
        InvalidArithmeticDescriptor.Create(source, span, $"{problem}");

    public static readonly DiagnosticDescriptor DynamicRoundsTooFewDescriptor = Error(
        "RFT4039", "Dynamic sampling without rounds",
        "dynamic(max_rounds) needs at least one round.");

    public static Diagnostic DynamicRoundsTooFew(SourceText source, TextSpan span, string value) =>
        DynamicRoundsTooFewDescriptor.Create(source, span, $"dynamic max_rounds {value} must be at least 1");

    public static readonly DiagnosticDescriptor OverlongBufferOutOfRangeDescriptor = Error(
        "RFT4040", "Overlong buffer out of range",
        "The buffer zone lies inside max_tokens: 0 < buffer < max_tokens.");

    public static Diagnostic OverlongBufferOutOfRange(SourceText source, TextSpan span, int buffer, int maxTokens) =>
        OverlongBufferOutOfRangeDescriptor.Create(source, span, $"overlong buffer {buffer} tokens must lie between 0 and max_tokens ({maxTokens} tokens)");

    public static readonly DiagnosticDescriptor StaleLagTooSmallDescriptor = Error(
        "RFT4041", "Stale lag too small",
        "stale(n steps) needs n ≥ 1; write behavior: full for on-policy sampling.");

    public static Diagnostic StaleLagTooSmall(SourceText source, TextSpan span, string value) =>
        StaleLagTooSmallDescriptor.Create(source, span, $"stale lag {value} must be at least 1 step; for on-policy sampling write 'behavior: full'");

    public static readonly DiagnosticDescriptor ConstantDivisorNotPositiveDescriptor = Error(
        "RFT4042", "Loss divisor not positive",
        "constant(C) divides the summed loss by B · C; C must be positive.");

    public static Diagnostic ConstantDivisorNotPositive(SourceText source, TextSpan span, string value) =>
        ConstantDivisorNotPositiveDescriptor.Create(source, span, $"constant divisor {value} must be positive");

    public static readonly DiagnosticDescriptor UnusedReferenceDescriptor = Warning(
        "RFT4043", "Reference model never used",
        "A reference model costs memory; only kl and agro use it.");

    public static Diagnostic UnusedReference(SourceText source, TextSpan span, string name) =>
        UnusedReferenceDescriptor.Create(source, span, $"model '{name}' is loaded but no stage uses it (kl is none and no objective is agro); remove it to save memory");

    public static readonly DiagnosticDescriptor MissingTokenizerFileDescriptor = Error(
        "RFT4044", "Tokenizer file not found",
        "tokenizer is chars or a tokenizer.json path relative to the .reft file.");

    public static Diagnostic MissingTokenizerFile(SourceText source, TextSpan span, string path, bool isFolder = false) =>
        MissingTokenizerFileDescriptor.Create(source, span, isFolder
            ? $"tokenizer file not found: {path} is a folder; name the tokenizer.json inside it"
            : $"tokenizer file not found: {path}; fix the path or write 'tokenizer: chars'");

    public static readonly DiagnosticDescriptor BatchNotMultipleOfMicroDescriptor = Error(
        "RFT4045", "Batch not a multiple of micro",
        "Gradient accumulation splits the batch into micro batches.");

    public static Diagnostic BatchNotMultipleOfMicro(SourceText source, TextSpan span, int batch, int micro) =>
        BatchNotMultipleOfMicroDescriptor.Create(source, span, $"batch of {batch} prompts is not a multiple of micro {micro} prompts; make micro divide the batch");

    public static readonly DiagnosticDescriptor CountNotPositiveDescriptor = Error(
        "RFT4046", "Count not positive",
        "Counts such as batch, group, max_tokens and intervals are at least 1.");

    public static Diagnostic CountNotPositive(SourceText source, TextSpan span, string knob, string value) =>
        CountNotPositiveDescriptor.Create(source, span, $"{knob} {value} must be at least 1");

    public static readonly DiagnosticDescriptor SkipDelayTooLongDescriptor = Warning(
        "RFT4047", "Skipping never starts",
        "The delay covers the whole stage, so the behaviour model is always full.");

    public static Diagnostic SkipDelayTooLong(SourceText source, TextSpan span, int delay, string stage, int steps) =>
        SkipDelayTooLongDescriptor.Create(source, span, $"nested delay of {delay} steps covers stage '{stage}' ({steps} steps); skipping never starts");

    public static readonly DiagnosticDescriptor ZeroWeightRewardDescriptor = Warning(
        "RFT4048", "Reward with weight 0",
        "A weight of 0 removes the term from the total reward.");

    public static Diagnostic ZeroWeightReward(SourceText source, TextSpan span, string name) =>
        ZeroWeightRewardDescriptor.Create(source, span, $"reward '{name}' has weight 0 and never affects training; remove it or use it only in metrics");

    public static readonly DiagnosticDescriptor ChatPromptWithCharsDescriptor = Warning(
        "RFT4049", "Chat prompt with the chars tokenizer",
        "The chars tokenizer has no chat template; the turns are joined as plain text.");

    public static Diagnostic ChatPromptWithChars(SourceText source, TextSpan span) =>
        ChatPromptWithCharsDescriptor.Create(source, span, $"chat(...) prompts need a tokenizer with a chat template; with chars the turns are joined as plain text");

    public static readonly DiagnosticDescriptor KlBetaNotPositiveDescriptor = Error(
        "RFT4050", "KL coefficient not positive",
        "k1/k2/k3 take β > 0; write kl: none to turn KL off.");

    public static Diagnostic KlBetaNotPositive(SourceText source, TextSpan span, string value) =>
        KlBetaNotPositiveDescriptor.Create(source, span, $"kl coefficient {value} must be positive; write 'kl: none' to turn KL off");

    public static readonly DiagnosticDescriptor LayerDropProbabilityOutOfRangeDescriptor = Error(
        "RFT4052", "Layer drop probability out of range",
        "layer_drop skips each droppable block with probability p, 0 ≤ p < 1; write layer_drop: none to turn it off.");

    public static Diagnostic LayerDropProbabilityOutOfRange(SourceText source, TextSpan span, string value) =>
        LayerDropProbabilityOutOfRangeDescriptor.Create(source, span, $"layer_drop probability {value} is outside [0, 1); use e.g. 0.1");

    public static readonly DiagnosticDescriptor LayerDropProtectionDescriptor = Error(
        "RFT4053", "Layer drop protects too few or too many layers",
        "keep_first + keep_last must protect at least one layer, so a step never drops them all, and leave at least one droppable.");

    public static Diagnostic LayerDropProtection(SourceText source, TextSpan span, int keepFirst, int keepLast, int depth) =>
        LayerDropProtectionDescriptor.Create(source, span, keepFirst + keepLast < 1
            ? $"layer_drop protects no layer (keep_first {keepFirst}, keep_last {keepLast}), so a step could drop all {depth}; protect at least one"
            : $"layer_drop protects all {depth} layers (keep_first {keepFirst}, keep_last {keepLast}), so it never drops one; protect fewer than {depth}");
}
