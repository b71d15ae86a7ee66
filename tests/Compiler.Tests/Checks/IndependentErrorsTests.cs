using System.Text.RegularExpressions;
using Reft.Compiler.Tests.Support;
using Reft.Language;

namespace Reft.Compiler.Tests.Checks;

public class IndependentErrorsTests
{
    [Fact]
    public void Dump()
    {
        var lines = new List<string>();
        var random = new Random(1);
        foreach (var example in ExampleFixtures.Names)
        {
            var path = ExampleFixtures.PathOf(example);
            var source = File.ReadAllLines(path);
            var edits = new List<(int Line, int Col, int Len, string Repl)>();
            for (var i = 0; i < source.Length; i++)
            {
                if (source[i].TrimStart().StartsWith("//")) continue;
                foreach (Match m in Regex.Matches(source[i], @"(?<![\w.])\d+(\.\d+)?(?![\w.])"))
                    foreach (var repl in new[] { "\"x\"", "-3" })
                        edits.Add((i, m.Index, m.Length, repl));
            }
            string Apply(params (int Line, int Col, int Len, string Repl)[] es)
            {
                var edited = source.ToArray();
                foreach (var e in es) edited[e.Line] = edited[e.Line][..e.Col] + e.Repl + edited[e.Line][(e.Col + e.Len)..];
                return string.Join("\n", edited);
            }
            HashSet<string> Diags(string text) => ReftCompiler.Compile(new SourceText(path, text), ExampleFixtures.Directory).Diagnostics
                .Select(d => d.Code + " " + d.Location.Line + ":" + d.Location.Column + " " + d.Message).ToHashSet();
            var single = edits.Select(e => Diags(Apply(e))).ToList();
            for (var n = 0; n < 600; n++)
            {
                var a = random.Next(edits.Count); var b = random.Next(edits.Count);
                if (edits[a].Line == edits[b].Line) continue;
                var both = Diags(Apply(edits[a], edits[b]));
                var union = single[a].Union(single[b]).ToHashSet();
                if (both.SetEquals(union)) continue;
                lines.Add($"== {example} {edits[a].Line + 1}:{edits[a].Col + 1}->{edits[a].Repl} + {edits[b].Line + 1}:{edits[b].Col + 1}->{edits[b].Repl}");
                lines.AddRange(both.Except(union).Select(d => "  extra " + d));
                lines.AddRange(union.Except(both).Select(d => "  missing " + d));
            }
        }
        File.WriteAllLines(Environment.GetEnvironmentVariable("DUMP_TO") ?? "/tmp/checks-dump.txt", lines);
    }
}
