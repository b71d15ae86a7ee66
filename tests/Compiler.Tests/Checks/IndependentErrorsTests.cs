using Reft.Compiler.Tests.Support;
using Reft.Language.Diagnostics;

namespace Reft.Compiler.Tests.Checks;

/// <summary>
/// `reftc check` reports every independent error of a file in one run: a knob that fails to bind
/// hides no rule about the other knobs of its stage, and causes no error of its own elsewhere.
/// </summary>
public class IndependentErrorsTests
{
    private static string A => Specs.Arith;

    /// <summary>Edits of arith, each breaking one knob of its own; none depends on another.</summary>
    public static readonly IReadOnlyList<(string Find, string Replace)> Edits =
    [
        ("seed: 7", "seed: \"seven\""),
        ("dim: 128", "dim: 130"),
        ("batch: 64 prompts", "batch: 64 completions"),
        ("adamw(lr: 1e-3", "adamw(lr: 0"),
        ("steps: 150", "steps: \"many\""),
        ("group: 8 completions", "group: 1 completions"),
        ("temperature: 1.0", "temperature: \"hot\""),
        ("random(1..2 layers", "random(1..6 layers"),
        ("truncated_is(max: 2.0", "truncated_is(max: -1"),
        ("clip: 0.2 .. 0.28", "clip: 0.28 .. 0.2"),
        ("loss: token_mean", "loss: token_means"),
        ("grad_clip: 1.0", "grad_clip: 0"),
        ("on: test", "on: tset"),
        ("keep: 2", "keep: 0"),
    ];

    private static HashSet<string> Errors(string text) =>
        Specs.Compile(text).Diagnostics.Select(d => $"{d.Code} {d.Location.Line}:{d.Location.Column}").ToHashSet();

    private static string Edited(params int[] edits) => edits.Aggregate(A, (text, edit) => text.With(Edits[edit].Find, Edits[edit].Replace));

    [Fact]
    public void Every_edit_alone_is_an_error()
    {
        for (var i = 0; i < Edits.Count; i++)
            Assert.True(Specs.Compile(Edited(i)).HasErrors, $"edit {Edits[i].Replace} gave no error");
    }

    [Fact]
    public void Any_two_edits_report_exactly_what_each_reports_alone()
    {
        var alone = Enumerable.Range(0, Edits.Count).Select(i => Errors(Edited(i))).ToList();
        for (var i = 0; i < Edits.Count; i++)
        {
            for (var j = i + 1; j < Edits.Count; j++)
            {
                var expected = alone[i].Union(alone[j]).Order().ToList();
                Assert.True(expected.SequenceEqual(Errors(Edited(i, j)).Order()),
                    $"{Edits[i].Replace} + {Edits[j].Replace}: expected\n{string.Join("\n", expected)}\ngot\n{Specs.Describe(Specs.Compile(Edited(i, j)).Diagnostics)}");
            }
        }
    }

    [Fact]
    public void All_edits_at_once_report_every_error_once()
    {
        var expected = Enumerable.Range(0, Edits.Count).SelectMany(i => Errors(Edited(i))).ToHashSet().Order().ToList();
        Assert.Equal(expected, Errors(Edited(Enumerable.Range(0, Edits.Count).ToArray())).Order().ToList());
        Assert.True(expected.Count >= Edits.Count);
    }

    private const string BadRlStage = """
        pipeline p {
          seed: 7
          dataset train = arithmetic(digits: 1..2, ops: "+", count: 100)
          model policy { init: tiny(layers: 2, dim: 64, heads: 4, context: 32 tokens) }
          prompt: "{question}="
          stage rl: rl {
            data: train
            batch: 256 completions
            group: 8 completions
            clip: 0.3 .. 0.1
            optimizer: adamw(lr: -1)
          }
        }
        """;

    [Fact]
    public void A_unit_error_does_not_hide_the_clip_and_lr_rules_of_its_stage()
    {
        Assert.Equal(["RFT3001 8:12", "RFT4005 10:11", "RFT4006 11:26"], Errors(BadRlStage).Order());
    }

    private const string TwoBrokenStages = """
        pipeline p {
          model policy { init: tiny(layers: 2, dim: 64, heads: 4, context: 32 tokens) }
          dataset a = arithmetic(digits: 1..2, ops: "+", count: 100)
          dataset b = arithmetic(digits: 1..2, ops: "+", count: 100, seed: 3)
          prompt: "{question}="
          stage warm: sft {
            steps: 0
            batch: 8 completions
            optimizer: adamw(lr: 0, betas: [0.9, 1.5])
          }
          stage rl: rl {
            data: nope
            group: 1 completions
            clip: 0.3 .. 0.1
            sampling: { temperature: 0, max_tokens: "x" }
            optimizer: adamw(lr: -1, warmup: "ten")
          }
        }
        """;

    [Fact]
    public void Missing_data_and_an_unknown_dataset_hide_no_other_error_of_either_stage()
    {
        Assert.Equal(
        [
            "RFT2003 12:11", // data: nope
            "RFT2011 6:9", // sft stage without data, and neither dataset is called train
            "RFT3001 8:12", // sft batch in completions
            "RFT3004 15:45", // max_tokens "x"
            "RFT3004 16:38", // warmup "ten"
            "RFT4001 13:12", // group 1
            "RFT4005 14:11", // clip order
            "RFT4006 16:26", // rl lr -1
            "RFT4006 9:26", // sft lr 0
            "RFT4007 7:12", // sft steps 0
            "RFT4027 15:30", // temperature 0
            "RFT4032 9:36", // β2 1.5
        ], Errors(TwoBrokenStages).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_unknown_dataset_does_not_also_report_fields_it_lacks()
    {
        var text = A.With("data: train\n    steps: 400", "data: trian\n    steps: 400").With("on: test", "on: tset");
        Assert.Equal(["RFT2003 21:11", "RFT2003 44:31"], Errors(text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_dataset_that_fails_to_bind_leaves_its_fields_unreported_but_not_other_errors()
    {
        var text = A.With("digits: 1..3, ops: \"+-\", count: 20000", "digits: 3..1, ops: \"+-\", count: 20000")
            .With("digits: 1..3, ops: \"+-\", count: 500", "digits: 3..1, ops: \"+-\", count: 500")
            .With("length(completion)", "lenght(completion)")
            .With("clip: 0.2 .. 0.28", "clip: 0.28 .. 0.2");
        // The rewards read answer, a field of both broken datasets: no RFT2006 for it.
        Assert.Equal(["RFT2007 18:28", "RFT3018 12:38", "RFT3018 13:38", "RFT4005 38:11"], Errors(text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_policy_that_fails_to_bind_hides_only_the_rules_about_its_shape()
    {
        // Skip sets and the context length depend on the model; the clip and lr rules do not.
        var text = A.With("layers: 6", "layers: \"six\"").With("random(1..2 layers", "random(1..6 layers")
            .With("max_tokens: 8 tokens }", "max_tokens: 60 tokens, max_prompt_tokens: 10 tokens }")
            .With("clip: 0.2 .. 0.28", "clip: 0.28 .. 0.2").With("adamw(lr: 2e-4", "adamw(lr: 0");
        Assert.Equal(["RFT3004 8:24", "RFT4005 38:11", "RFT4006 43:26"], Errors(text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_non_positive_depth_does_not_also_report_the_skip_set()
    {
        Assert.Equal(["RFT4046 8:24"], Errors(A.With("layers: 6", "layers: -3")));
    }

    [Fact]
    public void An_unknown_stage_kind_hides_no_error_of_the_other_stages_and_no_warning_needs_it()
    {
        // With the broken stage unknown, "the reference model is unused" cannot be decided.
        var text = A.With("  dataset train", "  model reference = frozen(policy)\n  dataset train")
            .With("stage rl: rl {", "stage rl: rlhf {").With("adamw(lr: 1e-3", "adamw(lr: 0");
        var diagnostics = Specs.Compile(text).Diagnostics;
        Assert.Equal(["RFT2010 28:13", "RFT4006 25:26"], Errors(text).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Warning);
    }

    [Fact]
    public void Every_bad_argument_of_one_optimizer_is_reported()
    {
        var text = A.With("optimizer: adamw(lr: 2e-4, warmup: 5 steps, grad_clip: 1.0)", "optimizer: adamw(lr: \"fast\", warmup: 500 steps, grad_clip: 0, eps: -1)");
        Assert.Equal(["RFT3004 43:26", "RFT4032 43:64", "RFT4032 43:72", "RFT4033 43:42"], Errors(text).Order(StringComparer.Ordinal));
    }

    /// <summary>Two or three independent mistakes inside one compound value, each reported where it is written.</summary>
    [Theory]
    [InlineData("dash: { sample: 32 prompts, micro: 8 prompts", "dash: { sample: 30 prompts, micro: 7 prompts", "RFT4002 42:21|RFT4003 42:40")]
    [InlineData("dash: { sample: 32 prompts, micro: 8 prompts, filter: abs(advantage)", "dash: { sample: 0 prompts, micro: 7 completions, filter: abs(advantag)",
        "RFT2006 42:66|RFT3001 42:39|RFT4046 42:21")]
    [InlineData("truncated_is(max: 2.0, level: token)", "truncated_is(max: -1, level: banana)", "RFT2008 35:46|RFT4031 35:35")]
    [InlineData("truncated_is(max: 2.0, level: token)", "masked_is(max: 0, min: -1, level: banana)", "RFT2008 35:51|RFT4031 35:32|RFT4031 35:40")]
    [InlineData("clip: 0.2 .. 0.28", "clip: 0.9 .. 0.1\n    dual_clip: 0.5", "RFT4005 38:11|RFT4030 39:16")]
    [InlineData("clip: 0.2 .. 0.28", "clip: 0.9 .. \"x\"\n    dual_clip: 0.5", "RFT3004 38:18|RFT4030 39:16")]
    public void Every_independent_error_of_one_compound_value_is_reported(string find, string replace, string expected)
    {
        Assert.Equal(expected.Split('|'), Errors(A.With(find, replace)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_bad_argument_of_a_correction_hides_neither_its_kind_nor_the_other_arguments()
    {
        // max 0 is wrong, so min 1 is not also reported as "not below max"; the kind still pairs with the behaviour.
        var text = A.With("truncated_is(max: 2.0, level: token)", "masked_is(max: 0, min: 1, level: \"x\")")
            .With("behavior: nested(skip: random(1..2 layers, keep_first: 1, keep_last: 1), every: batch)", "behavior: full");
        Assert.Equal(["RFT3004 35:50", "RFT4017 35:17", "RFT4031 35:32"], Errors(text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_jsonl_mapping_that_fails_to_bind_does_not_make_its_field_unknown_elsewhere()
    {
        // answer is read by a reward and trained on by sft; before, the bad mapping also reported both as missing fields.
        var text = A.With("dataset train = arithmetic(digits: 1..3, ops: \"+-\", count: 20000)",
            "dataset train = jsonl(\"data/arith-replay.jsonl\", question: question, answer: question + answer)");
        Assert.Equal(["RFT3005 12:80"], Errors(text));
    }
}
