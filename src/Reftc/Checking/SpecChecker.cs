using System.Collections.Immutable;
using Reft.Language;
using Reft.Language.Diagnostics;
using Reft.Language.Parsing;

namespace Reft.Cli.Checking;

/// <summary>Everything `reftc check` verifies about one file, as diagnostics.</summary>
public static class SpecChecker
{
    public static ImmutableArray<Diagnostic> Check(SourceText source)
    {
        var parse = ReftParser.Parse(source);
        if (parse.Root is null || parse.HasErrors)
        {
            return parse.Diagnostics;
        }
        // compiler (issue 4): binder and pipeline rules; parses again, which costs microseconds.
        return Reft.Compiler.ReftCompiler.Check(source);
    }
}
