using Reft.Compiler.Binding.Knobs;
using Reft.Compiler.Reference;
using Reft.Compiler.Tests.Support;
using Reft.Tests.Shared;

namespace Reft.Compiler.Tests.Reference;

public class LanguageReferenceTests
{
    private static string DocPath => Path.Combine(Specs.RepoRoot, "docs", "language.md");

    [Fact]
    public void Docs_language_md_is_generated_from_the_knob_table()
    {
        var generated = LanguageReference.Generate();
        if (Environment.GetEnvironmentVariable("REFT_UPDATE_DOCS") == "1")
            File.WriteAllText(DocPath, generated);
        Assert.True(File.Exists(DocPath), "docs/language.md is missing; run the tests with REFT_UPDATE_DOCS=1");
        var current = File.ReadAllText(DocPath);
        if (current != generated)
            Assert.Fail("docs/language.md drifted from the knob table; run the tests with REFT_UPDATE_DOCS=1:\n" + BaselineFile.Diff(current, generated));
    }

    [Fact]
    public void Every_knob_is_listed_once_and_every_scope_is_documented()
    {
        var fields = typeof(KnobTable).GetFields().Where(field => field.FieldType == typeof(Knob)).Select(field => (Knob)field.GetValue(null)!).ToList();
        Assert.Equal(fields.Count, KnobTable.All.Length);
        Assert.Equal(KnobTable.All.Length, KnobTable.All.Select(knob => knob.Path).Distinct().Count());
        Assert.Empty(KnobTable.All.Select(knob => knob.Scope).Distinct().Except(LanguageReference.DocumentedScopes));
        var doc = LanguageReference.Generate();
        Assert.All(KnobTable.All, knob => Assert.Contains($"| `{knob.Key}`", doc));
    }
}
