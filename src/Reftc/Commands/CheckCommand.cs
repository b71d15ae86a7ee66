using System.Collections.Immutable;
using System.CommandLine;
using System.Text.Json;
using Reft.Cli.Checking;
using Reft.Language;
using Reft.Language.Diagnostics;

namespace Reft.Cli.Commands;

/// <summary><c>reftc check FILE...</c>: reports every problem of each file without running anything.</summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files")
        {
            Description = "The .reft files to check",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format")
        {
            Description = "How to print diagnostics: text for people, json for editors and tools",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var warningsAsErrors = new Option<bool>("--warnings-as-errors")
        {
            Description = "Treat warnings as errors (exit code 1 when any warning is reported)",
        };
        var command = new Command("check", "Parse and check .reft files; exit 0 when clean, 1 on errors, 2 on usage errors")
        {
            files,
            format,
            warningsAsErrors,
        };
        command.SetAction(parse => Run(
            parse.GetRequiredValue(files),
            parse.GetValue(format) == "json",
            parse.GetValue(warningsAsErrors),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string[] paths, bool json, bool warningsAsErrors, TextWriter output, TextWriter error)
    {
        var results = new List<(string Path, ImmutableArray<Diagnostic> Diagnostics)>();
        foreach (var path in paths)
        {
            var source = SourceFiles.TryLoad(path, error);
            if (source is null)
            {
                return ReftCli.UsageError;
            }
            var diagnostics = SpecChecker.Check(source);
            if (warningsAsErrors)
            {
                diagnostics = diagnostics.Select(d => d.AsError()).ToImmutableArray();
            }
            results.Add((path, diagnostics));
        }
        if (json)
        {
            WriteJson(results, output);
        }
        else
        {
            WriteText(results, output);
        }
        return results.Any(r => r.Diagnostics.Any(d => d.IsError)) ? ReftCli.Failure : ReftCli.Success;
    }

    private static void WriteText(List<(string Path, ImmutableArray<Diagnostic> Diagnostics)> results, TextWriter output)
    {
        foreach (var (path, diagnostics) in results)
        {
            if (diagnostics.IsEmpty)
            {
                output.WriteLine($"{path}: ok");
                continue;
            }
            output.Write(DiagnosticPrinter.Format(diagnostics));
            var errors = diagnostics.Count(d => d.IsError);
            var warnings = diagnostics.Length - errors;
            output.WriteLine($"{path}: {Count(errors, "error")}, {Count(warnings, "warning")}");
        }
    }

    private static void WriteJson(List<(string Path, ImmutableArray<Diagnostic> Diagnostics)> results, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var all = results.SelectMany(r => r.Diagnostics).ToList();
            writer.WriteStartObject();
            writer.WriteNumber("files", results.Count);
            writer.WriteNumber("errors", all.Count(d => d.IsError));
            writer.WriteNumber("warnings", all.Count(d => !d.IsError));
            writer.WriteStartArray("diagnostics");
            foreach (var diagnostic in all)
            {
                var start = diagnostic.Location;
                var end = diagnostic.Source.GetLocation(diagnostic.Span.End);
                writer.WriteStartObject();
                writer.WriteString("file", start.Path);
                writer.WriteNumber("line", start.Line);
                writer.WriteNumber("column", start.Column);
                writer.WriteNumber("endLine", end.Line);
                writer.WriteNumber("endColumn", end.Column);
                writer.WriteString("severity", diagnostic.IsError ? "error" : "warning");
                writer.WriteString("code", diagnostic.Code);
                writer.WriteString("message", diagnostic.Message);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
