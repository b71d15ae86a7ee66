using System.Reflection;
using Reft.Compiler.Emit;
using Reft.Compiler.Tests.Support;
using Reft.Language;
using Reft.Runtime.Data;

namespace Reft.Compiler.Tests.Emit;

/// <summary>
/// A spec that <c>reftc check</c> accepts must build: jsonl mappings over several keys of the row, or
/// over none, used to pass the checks and then stop the emitter with RFT9003.
/// </summary>
public sealed class EmitGapTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("reft-mapping-tests-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private PipelineBuild Build(string mappings, string rows)
    {
        File.WriteAllText(Path.Combine(folder, "rows.jsonl"), rows);
        var text = Specs.Arith.With(
            "dataset test  = arithmetic(digits: 1..3, ops: \"+-\", count: 500, seed: 99)",
            $"dataset test  = jsonl(\"rows.jsonl\", {mappings})");
        var source = SourceText.From(text, Path.Combine(folder, "mapping.reft"));
        return PipelineBuilder.Build(source, new GeneratedCodeCompiler(GeneratedCodeCompilerTests.RuntimeAssemblyPath, new AssemblyCache(Path.Combine(folder, "cache"))));
    }

    private static MethodInfo Method(PipelineBuild build, string name) =>
        Assembly.Load(build.Pipeline!.Image).GetType(build.Source!.FullTypeName)!.GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;

    [Fact]
    public void A_mapping_over_two_keys_builds_and_reads_both_in_order_of_use()
    {
        var build = Build("question: question, answer: after(working, marker)", """{"question": "7*6", "working": "6*7 = 42 #### 42", "marker": "= "}""");

        Assert.False(build.HasErrors, Specs.Describe(build.Diagnostics));
        Assert.Contains("new global::Reft.Runtime.Data.FieldMapping(\"answer\", [\"working\", \"marker\"], values => MapTestAnswer(values[0], values[1]), \"after(row.working, row.marker)\")",
            build.Source!.Text);
        var map = Method(build, "MapTestAnswer");
        Assert.Equal("42 #### 42", map.Invoke(null, ["6*7 = 42 #### 42", "= "]));
        Assert.Null(map.Invoke(null, ["no marker here", "= "]));
    }

    [Fact]
    public void A_mapping_that_reads_no_key_builds_as_a_constant_field()
    {
        var build = Build("question: question, answer: \"42\"", """{"question": "7*6"}""");

        Assert.False(build.HasErrors, Specs.Describe(build.Diagnostics));
        Assert.Equal("42", Method(build, "MapTestAnswer").Invoke(null, []));
    }

    [Fact]
    public void The_runtime_passes_the_keys_of_a_mapping_in_order_and_names_the_mapping_of_a_bad_row()
    {
        var path = Path.Combine(folder, "rows.jsonl");
        File.WriteAllText(path, """
            {"a": "left ## right", "b": "##"}
            {"a": "nothing", "b": "##"}
            {"a": "x"}
            """);
        var after = new FieldMapping("answer", ["a", "b"], values => Reft.Runtime.Rewards.Verifiers.After(values[0], values[1]), "after(row.a, row.b)");

        var error = Assert.Throws<DataLoadException>(() => JsonlDataset.Load(path, [after]));

        Assert.Equal(
            [$"{path}:2: error: after(row.a, row.b) found nothing in \"nothing\", \"##\"", $"{path}:3: error: missing field 'b' (row has: a)"],
            error.Errors);
        File.WriteAllText(path, """{"a": "left ## right", "b": "##"}""");
        Assert.Equal("right", JsonlDataset.Load(path, [after])[0]["answer"]);
    }
}
