using System.CommandLine;
using Reft.Compiler.Emit;
using Reft.Language;
using Reft.Language.Diagnostics;

namespace Reft.Cli.Commands;

/// <summary><c>reftc build SPEC [-o DIR]</c>: writes the generated &lt;name&gt;.g.cs and the compiled &lt;name&gt;.dll.</summary>
public static class BuildCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "The .reft file to compile" };
        var output = new Option<string?>("--output", "-o") { Description = "The folder to write <name>.g.cs and <name>.dll into (default: the current folder)" };
        var command = new Command("build", "Compile a .reft file to C# and to an assembly, without training") { spec, output };
        command.SetAction(parse => Run(
            parse.GetRequiredValue(spec),
            parse.GetValue(output) ?? Directory.GetCurrentDirectory(),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string path, string folder, TextWriter output, TextWriter error)
    {
        var source = SourceFiles.TryLoad(path, error);
        if (source is null) return ReftCli.UsageError;
        var build = Compile(source, error);
        if (build.Pipeline is not { } pipeline) return ReftCli.Failure;
        var name = build.Plan!.Name;
        var sourcePath = Path.Combine(folder, name + ".g.cs");
        var assemblyPath = Path.Combine(folder, name + ".dll");
        try
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(sourcePath, pipeline.Source.Text);
            File.WriteAllBytes(assemblyPath, pipeline.Image);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{folder}: error: cannot write the build output ({e.Message}); pick a writable folder with -o");
            return ReftCli.Failure;
        }
        output.WriteLine($"{path}: wrote {sourcePath} and {assemblyPath}{(pipeline.FromCache ? " (compiled before, from the cache)" : "")}");
        return ReftCli.Success;
    }

    /// <summary>
    /// Spec → assembly, printing every diagnostic (warnings too) the way `reftc check` does. The
    /// result has a pipeline only when nothing is an error.
    /// </summary>
    public static PipelineBuild Compile(SourceText source, TextWriter error)
    {
        var compiler = new GeneratedCodeCompiler(RuntimeAssemblyPath, AssemblyCache.Default());
        var build = PipelineBuilder.Build(source, compiler);
        if (!build.Diagnostics.IsEmpty) error.Write(DiagnosticPrinter.Format(build.Diagnostics));
        return build;
    }

    /// <summary>The runtime that reftc itself loaded: generated code binds to exactly this one.</summary>
    public static string RuntimeAssemblyPath => typeof(Reft.Runtime.Pipeline.ICompiledPipeline).Assembly.Location;
}
