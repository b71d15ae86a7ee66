namespace Reft.Runtime.Pipeline;

/// <summary>
/// What reftc generates for a spec: one class that drives the whole run. reftc loads the compiled
/// assembly, creates the class and calls <see cref="Run"/>.
/// </summary>
public interface ICompiledPipeline
{
    /// <summary>The pipeline's name in the spec (the default run folder is runs/&lt;name&gt;).</summary>
    string Name { get; }

    /// <summary>Hash of the spec's meaning: comments and layout do not change it; a resume with another hash is refused unless forced.</summary>
    string SpecHash { get; }

    RunSummary Run(RunOptions options);
}
