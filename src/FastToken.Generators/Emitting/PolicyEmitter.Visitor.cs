using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FastToken.Generators.Model;

namespace FastToken.Generators.Emitting;

internal static partial class PolicyEmitter
{
    private const string ScopeTokens = "global::FastToken.Policies.ScopeTokens";

    /// <summary>What the visitor does when it meets a claim of a given name.</summary>
    private enum ClaimAction
    {
        Issuer,
        Audience,
        Scopes,
        Roles,
        Requirement,
        Capture,
    }

    /// <summary>A claim name the policy reads, and what to do when the visitor meets it.</summary>
    private sealed record ClaimDispatch(string Name, List<(ClaimAction Action, int Index)> Actions);

    /// <summary>
    /// Writes the struct visitor. The validator asks it which claims it wants (by name, so that
    /// no reader is built for the others), then calls it once per wanted top-level claim, after
    /// the signature has verified; it dispatches on the name's length, then on the name as a
    /// UTF-8 literal, and records what it finds in fields, so it neither allocates nor parses twice.
    /// </summary>
    private static void WriteVisitor(SourceWriter writer, PolicyModel model)
    {
        List<ClaimDispatch> actions = CollectActions(model);
        writer.WriteLine("/// <summary>Records what the claims meet, and where the captured ones are, " +
            "during the validator's pass.</summary>");
        writer.WriteLine(s_generatedCode);
        writer.WriteLine("private struct " + VisitorType + " : global::FastToken.IJwtClaimVisitor");
        writer.OpenBlock();
        WriteVisitorFields(writer, model);
        WriteWantsClaim(writer, actions);

        writer.WriteLine("public void VisitClaim(");
        writer.Indent();
        writer.WriteLine("global::System.ReadOnlySpan<byte> name,");
        writer.WriteLine("ref " + Reader + " value,");
        writer.WriteLine("int valueOffset)");
        writer.Unindent();
        writer.OpenBlock();
        WriteDispatch(writer, model, actions);
        writer.CloseBlock();

        if (model.Issuers.Count > 0)
        {
            WriteVisitIssuer(writer, model.Issuers);
        }

        if (model.Audiences.Count > 0)
        {
            WriteVisitAudience(writer, model.Audiences);
        }

        if (model.Scopes is { } scopes)
        {
            WriteVisitScopes(writer, scopes.Values);
        }

        if (model.Roles is { } roles)
        {
            WriteVisitRoles(writer, roles.Values);
        }

        writer.CloseBlock();
    }

    private static void WriteVisitorFields(SourceWriter writer, PolicyModel model)
    {
        if (model.Issuers.Count > 0)
        {
            writer.WriteLine("public bool MetIssuer;");
        }

        if (model.Audiences.Count > 0)
        {
            writer.WriteLine("public bool MetAudience;");
        }

        WriteFlagFields(writer, "MetScope", model.Scopes?.Values);
        WriteFlagFields(writer, "MetRole", model.Roles?.Values);
        for (int i = 0; i < model.Claims.Count; i++)
        {
            writer.WriteLine("public bool MetClaim" + Number(i) + "; // " + Literal(model.Claims[i].Name));
        }

        if (HasCaptures(model))
        {
            foreach (CaptureModel capture in model.Captures)
            {
                writer.WriteLine("public " + FieldType(capture) + " Captured" + capture.PropertyName + ";");
            }
        }

        writer.WriteLine();
    }

    /// <summary>
    /// Writes the filter the validator consults before it builds a reader for a claim: the
    /// names the policy reads, by length, then as UTF-8 literals.
    /// </summary>
    private static void WriteWantsClaim(SourceWriter writer, List<ClaimDispatch> names)
    {
        writer.WriteLine("public static bool WantsClaim(global::System.ReadOnlySpan<byte> name)");
        writer.OpenBlock();
        if (names.Count == 0)
        {
            writer.WriteLine("// The policy reads no claim beyond what the validator checks.");
            writer.WriteLine("return false;");
            writer.CloseBlock();
            writer.WriteLine();
            return;
        }

        WriteSwitchOnLength(writer, names, "return false;", group =>
        {
            List<string> tests = group.Select(n => NameEquals(n.Name)).ToList();
            for (int i = 0; i < tests.Count; i++)
            {
                string prefix = i == 0 ? "return " : "    || ";
                writer.WriteLine(prefix + tests[i] + (i == tests.Count - 1 ? ";" : string.Empty));
            }
        });
        writer.CloseBlock();
        writer.WriteLine();
    }

    /// <summary>
    /// Writes <c>switch (name.Length)</c> with one case per UTF-8 length of the names, each
    /// written by <paramref name="writeCase"/>, and <paramref name="otherwise"/> as the default.
    /// </summary>
    private static void WriteSwitchOnLength(
        SourceWriter writer,
        List<ClaimDispatch> names,
        string? otherwise,
        Action<IGrouping<int, ClaimDispatch>> writeCase)
    {
        writer.WriteLine("switch (name.Length)");
        writer.OpenBlock();
        foreach (IGrouping<int, ClaimDispatch> group in
            names.GroupBy(n => Encoding.UTF8.GetByteCount(n.Name)).OrderBy(g => g.Key))
        {
            writer.WriteLine("case " + Number(group.Key) + ":");
            writer.Indent();
            writeCase(group);
            writer.Unindent();
        }

        if (otherwise is not null)
        {
            writer.WriteLine("default:");
            writer.Indent();
            writer.WriteLine(otherwise);
            writer.Unindent();
        }

        writer.CloseBlock();
    }

    private static string NameEquals(string name) =>
        "global::System.MemoryExtensions.SequenceEqual(name, " + Utf8(name) + ")";

    private static void WriteFlagFields(SourceWriter writer, string prefix, EquatableArray<string>? values)
    {
        if (values is not { } list)
        {
            return;
        }

        for (int i = 0; i < list.Count; i++)
        {
            writer.WriteLine("public bool " + prefix + Number(i) + "; // " + Literal(list[i]));
        }
    }

    /// <summary>Every claim name the policy reads, with what to do for it, in a stable order.</summary>
    private static List<ClaimDispatch> CollectActions(PolicyModel model)
    {
        List<ClaimDispatch> names = [];
        void Add(string name, ClaimAction action, int index)
        {
            foreach (ClaimDispatch entry in names)
            {
                if (entry.Name == name)
                {
                    entry.Actions.Add((action, index));
                    return;
                }
            }

            names.Add(new ClaimDispatch(name, [(action, index)]));
        }

        if (model.Issuers.Count > 0)
        {
            Add("iss", ClaimAction.Issuer, 0);
        }

        if (model.Audiences.Count > 0)
        {
            Add("aud", ClaimAction.Audience, 0);
        }

        foreach (string claim in model.Scopes?.ClaimNames ?? EquatableArray<string>.Empty)
        {
            Add(claim, ClaimAction.Scopes, 0);
        }

        foreach (string claim in model.Roles?.ClaimNames ?? EquatableArray<string>.Empty)
        {
            Add(claim, ClaimAction.Roles, 0);
        }

        for (int i = 0; i < model.Claims.Count; i++)
        {
            Add(model.Claims[i].Name, ClaimAction.Requirement, i);
        }

        if (HasCaptures(model))
        {
            for (int i = 0; i < model.Captures.Count; i++)
            {
                Add(model.Captures[i].ClaimName, ClaimAction.Capture, i);
            }
        }

        return names;
    }

    private static void WriteDispatch(SourceWriter writer, PolicyModel model, List<ClaimDispatch> names)
    {
        if (names.Count == 0)
        {
            writer.WriteLine("// Never called: the visitor wants no claim.");
            return;
        }

        WriteSwitchOnLength(writer, names, otherwise: null, group =>
        {
            string keyword = "if";
            foreach ((string name, List<(ClaimAction Action, int Index)> actions) in group)
            {
                writer.WriteLine(keyword + " (" + NameEquals(name) + ")");
                writer.OpenBlock();
                foreach ((ClaimAction action, int index) in actions)
                {
                    WriteAction(writer, model, action, index);
                }

                writer.CloseBlock();
                keyword = "else if";
            }

            writer.WriteLine();
            writer.WriteLine("break;");
        });
    }

    private static void WriteAction(SourceWriter writer, PolicyModel model, ClaimAction action, int index)
    {
        switch (action)
        {
            case ClaimAction.Issuer:
                writer.WriteLine("VisitIssuer(ref value);");
                break;
            case ClaimAction.Audience:
                writer.WriteLine("VisitAudience(ref value);");
                break;
            case ClaimAction.Scopes:
                writer.WriteLine("VisitScopes(ref value);");
                break;
            case ClaimAction.Roles:
                writer.WriteLine("VisitRoles(ref value);");
                break;
            case ClaimAction.Requirement:
                WriteRequirement(writer, model.Claims[index], index);
                break;
            default:
                WriteCapture(writer, model.Captures[index], index);
                break;
        }
    }

    private static void WriteRequirement(SourceWriter writer, ClaimRequirementModel claim, int index)
    {
        string field = "MetClaim" + Number(index);
        string local = "claim" + Number(index);
        switch (claim.Kind)
        {
            case ClaimValueKind.String:
                WriteAnyOf(
                    writer,
                    field,
                    "value.TokenType == " + JsonTokenType + ".String",
                    claim.Strings.Select(s => "value.ValueTextEquals(" + Utf8(s) + ")"));
                break;
            case ClaimValueKind.Integer:
                WriteAnyOf(
                    writer,
                    field,
                    Values + ".TryGetInt64(ref value, out long " + local + ")",
                    claim.Integers.Select(n => local + " == " + Number(n) + "L"));
                break;
            default:
                writer.WriteLine(field + " = " + Values + ".TryGetBoolean(ref value, out bool " + local + ") && " +
                    (claim.Boolean ? string.Empty : "!") + local + ";");
                break;
        }
    }

    private static void WriteCapture(SourceWriter writer, CaptureModel capture, int index)
    {
        string field = "Captured" + capture.PropertyName;
        string local = "capture" + Number(index);
        (string reader, string type, string absent) = capture.Kind switch
        {
            CaptureKind.Int64 => ("TryGetInt64", "long", "0L"),
            CaptureKind.Boolean => ("TryGetBoolean", "bool", "false"),
            CaptureKind.NumericDate => ("TryGetNumericDate", "global::System.DateTimeOffset", "default"),
            _ => (string.Empty, string.Empty, string.Empty),
        };
        if (reader.Length == 0)
        {
            writer.WriteLine("// One more than where the value starts, so that the default (0) means absent.");
            writer.WriteLine(field + " = valueOffset + 1;");
            return;
        }

        writer.WriteLine(field + " = " + Values + "." + reader + "(ref value, out " + type + " " + local + ")");
        writer.Indent();
        writer.WriteLine("? " + local);
        writer.WriteLine(": " + (capture.IsNullable ? "null" : absent) + ";");
        writer.Unindent();
    }

    private static void WriteVisitIssuer(SourceWriter writer, EquatableArray<string> issuers)
    {
        writer.WriteLine();
        writer.WriteLine("private void VisitIssuer(ref " + Reader + " value)");
        writer.OpenBlock();
        writer.WriteLine("// RFC 7519 4.1.1: compared ordinally, after unescaping.");
        WriteAnyOf(
            writer,
            "MetIssuer",
            "value.TokenType == " + JsonTokenType + ".String",
            issuers.Select(s => "value.ValueTextEquals(" + Utf8(s) + ")"));
        writer.CloseBlock();
    }

    private static void WriteVisitAudience(SourceWriter writer, EquatableArray<string> audiences)
    {
        writer.WriteLine();
        writer.WriteLine("private void VisitAudience(ref " + Reader + " value)");
        writer.OpenBlock();
        writer.WriteLine("// RFC 7519 4.1.3: one string, or an array of which any member may match.");
        writer.WriteLine("if (value.TokenType == " + JsonTokenType + ".String)");
        writer.OpenBlock();
        WriteAnyOf(writer, "MetAudience", null, audiences.Select(s => "value.ValueTextEquals(" + Utf8(s) + ")"));
        writer.WriteLine("return;");
        writer.CloseBlock();
        writer.WriteLine();
        WriteArrayGuard(writer);
        writer.WriteLine("while (!MetAudience && " + Values + ".NextString(ref items))");
        writer.OpenBlock();
        WriteAnyOf(writer, "MetAudience", null, audiences.Select(s => "items.ValueTextEquals(" + Utf8(s) + ")"));
        writer.CloseBlock();
        writer.CloseBlock();
    }

    private static void WriteVisitScopes(SourceWriter writer, EquatableArray<string> scopes)
    {
        writer.WriteLine();
        writer.WriteLine("private void VisitScopes(ref " + Reader + " value)");
        writer.OpenBlock();
        writer.WriteLine("// RFC 8693 4.2: a space-delimited string; scp may also be an array of scopes.");
        writer.WriteLine("if (value.TokenType == " + JsonTokenType + ".String)");
        writer.OpenBlock();
        writer.WriteLine(ScopeTokens + " granted = " + ScopeTokens + ".Read(");
        writer.Indent();
        writer.WriteLine("in value,");
        writer.WriteLine("stackalloc byte[" + ScopeTokens + ".StackBufferSize]);");
        writer.Unindent();
        for (int i = 0; i < scopes.Count; i++)
        {
            writer.WriteLine("MetScope" + Number(i) + " |= granted.Contains(" + Utf8(scopes[i]) + ");");
        }

        writer.WriteLine("granted.Dispose();");
        writer.WriteLine("return;");
        writer.CloseBlock();
        WriteArrayMatches(writer, "MetScope", scopes);
    }

    private static void WriteVisitRoles(SourceWriter writer, EquatableArray<string> roles)
    {
        writer.WriteLine();
        writer.WriteLine("private void VisitRoles(ref " + Reader + " value)");
        writer.OpenBlock();
        writer.WriteLine("// A role claim is one role, or an array of roles.");
        writer.WriteLine("if (value.TokenType == " + JsonTokenType + ".String)");
        writer.OpenBlock();
        WriteMatches(writer, "MetRole", roles, "value");
        writer.WriteLine("return;");
        writer.CloseBlock();
        WriteArrayMatches(writer, "MetRole", roles);
    }

    /// <summary>Ends a visit method: for an array claim, each string member is matched against every value.</summary>
    private static void WriteArrayMatches(SourceWriter writer, string flag, EquatableArray<string> values)
    {
        writer.WriteLine();
        WriteArrayGuard(writer);
        writer.WriteLine("while (" + Values + ".NextString(ref items))");
        writer.OpenBlock();
        WriteMatches(writer, flag, values, "items");
        writer.CloseBlock();
        writer.CloseBlock();
    }

    /// <summary>One line per value: its flag is set when the reader's current string equals it.</summary>
    private static void WriteMatches(SourceWriter writer, string flag, EquatableArray<string> values, string reader)
    {
        for (int i = 0; i < values.Count; i++)
        {
            writer.WriteLine(flag + Number(i) + " |= " + reader + ".ValueTextEquals(" + Utf8(values[i]) + ");");
        }
    }

    private static void WriteArrayGuard(SourceWriter writer)
    {
        writer.WriteLine("if (value.TokenType != " + JsonTokenType + ".StartArray)");
        writer.OpenBlock();
        writer.WriteLine("return;");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine("// A copy walks the array, so the validator's reader stays where it is.");
        writer.WriteLine(Reader + " items = value;");
    }

    /// <summary>
    /// Writes <c>target = guard &amp;&amp; (a || b);</c> with one alternative per line when there are
    /// several; <paramref name="guard"/> may be <see langword="null"/>.
    /// </summary>
    private static void WriteAnyOf(SourceWriter writer, string target, string? guard, IEnumerable<string> alternatives)
    {
        List<string> list = alternatives.ToList();
        if (guard is null && list.Count == 1)
        {
            writer.WriteLine(target + " = " + list[0] + ";");
            return;
        }

        string open = guard is null ? string.Empty : "&& ";
        writer.WriteLine(target + " = " + (guard ?? list[0]));
        writer.Indent();
        int first = guard is null ? 1 : 0;
        if (guard is not null && list.Count == 1)
        {
            writer.WriteLine("&& " + list[0] + ";");
        }
        else
        {
            for (int i = first; i < list.Count; i++)
            {
                string prefix = i == 0 ? open + "(" : (guard is null ? "|| " : "    || ");
                string suffix = i == list.Count - 1 ? (guard is null ? ";" : ");") : string.Empty;
                writer.WriteLine(prefix + list[i] + suffix);
            }
        }

        writer.Unindent();
    }
}
