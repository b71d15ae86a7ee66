using Reft.Runtime.Data;

namespace Reft.Runtime.Tests.Data;

public sealed class PromptTemplateTests
{
    [Fact]
    public void Holes_are_filled_from_the_example()
    {
        var template = new PromptTemplate("{question}=");
        Assert.Equal(["question"], template.Holes);
        Assert.Equal("12+7=", template.Render(Example.Of(("question", "12+7"), ("answer", "19"))));
    }

    [Fact]
    public void Latex_braces_stay_literal_and_double_braces_escape()
    {
        var template = new PromptTemplate(@"Put the answer in \boxed{}. {{x}} {prompt} and {prompt} again {not a hole}");
        Assert.Equal(["prompt"], template.Holes);
        Assert.Equal(@"Put the answer in \boxed{}. {x} Q and Q again {not a hole}", template.Render(Example.Of(("prompt", "Q"))));
    }

    [Fact]
    public void Missing_fields_are_reported_statically_and_at_render()
    {
        var template = new PromptTemplate("{question} {hint}");
        Assert.Equal(["hint"], template.MissingFields(["question", "answer"]));
        var error = Assert.Throws<KeyNotFoundException>(() => template.Render(Example.Of(("question", "q"))));
        Assert.Contains("{hint}", error.Message);
        Assert.Contains("question", error.Message);
    }
}
