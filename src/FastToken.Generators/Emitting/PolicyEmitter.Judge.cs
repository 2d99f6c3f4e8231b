using System.Collections.Generic;
using FastToken.Generators.Model;

namespace FastToken.Generators.Emitting;

internal static partial class PolicyEmitter
{
    /// <summary>
    /// Writes the judgement made after the pass, in the order <c>TokenPolicy</c> follows: the
    /// validator's status, then the policy's token rules (401), then its permissions (403).
    /// Each requirement is one straight-line test of what the visitor recorded.
    /// </summary>
    private static void WriteJudge(SourceWriter writer, PolicyModel model)
    {
        writer.WriteLine(s_generatedCode);
        writer.WriteLine("private static " + Result + " __Judge(");
        writer.Indent();
        writer.WriteLine(Validator + " validator,");
        writer.WriteLine(ValidationResult + " token,");
        writer.WriteLine("in " + VisitorType + " visitor)");
        writer.Unindent();
        writer.OpenBlock();
        writer.WriteLine("if (!token.IsValid)");
        WriteReturn(writer, Result + ".Invalid", "token", "token.Status");

        if (model.Algorithms.Count > 0)
        {
            writer.WriteLine("// RFC 8725 3.1: only the algorithms this policy names.");
            writer.WriteLine("if ((__AllowedAlgorithms & (1u << (int)token.Algorithm)) == 0u)");
            WriteReturn(writer, Result + ".Invalid", "token", Status + ".AlgorithmNotAllowed");
        }

        if (model.MediaType is not null)
        {
            writer.WriteLine("// RFC 7515 4.1.9: the media type in typ, e.g. at+jwt (RFC 9068 2.1).");
            writer.WriteLine("if (!" + Checks + ".TypeMatches(token.Type, " + Utf8(model.MediaType) + "))");
            WriteReturn(writer, Result + ".Invalid", "token", Status + ".TypeInvalid");
        }

        if (model.Issuers.Count > 0)
        {
            writer.WriteLine("if (!visitor.MetIssuer)");
            WriteReturn(writer, Result + ".Invalid", "token", Status + ".IssuerInvalid");
        }

        if (model.Audiences.Count > 0)
        {
            writer.WriteLine("if (!visitor.MetAudience)");
            WriteReturn(writer, Result + ".Invalid", "token", Status + ".AudienceInvalid");
        }

        WriteTimes(writer, model);

        if (model.Scopes is { } scopes)
        {
            writer.WriteLine("// RFC 6750 3.1: a missing permission is 403 insufficient_scope, not an invalid token.");
            WriteListCheck(writer, scopes, "MetScope", "Scope");
        }

        if (model.Roles is { } roles)
        {
            WriteListCheck(writer, roles, "MetRole", "Role");
        }

        for (int i = 0; i < model.Claims.Count; i++)
        {
            writer.WriteLine("if (!visitor.MetClaim" + Number(i) + ")");
            WriteReturn(writer, Result + ".Denied", "token", Failure + ".ClaimValue", Literal(model.Claims[i].Name));
        }

        writer.WriteLine("return " + Result + ".Authorized(token);");
        writer.CloseBlock();
        writer.WriteLine();
    }

    private static void WriteTimes(SourceWriter writer, PolicyModel model)
    {
        if (model.ClockSkewSeconds is null && model.MaxAgeSeconds is null)
        {
            return;
        }

        writer.WriteLine("double now = " + Checks + ".Now(validator);");
        if (model.ClockSkewSeconds is int skew)
        {
            writer.WriteLine("// RFC 7519 4.1.4, 4.1.5 judged again: a looser validator cannot widen the policy's skew.");
            writer.WriteLine(Status + " lifetime = " + Checks + ".CheckLifetime(in token, now, " + Number(skew) + "d);");
            writer.WriteLine("if (lifetime != " + Status + ".Valid)");
            WriteReturn(writer, Result + ".Invalid", "token", "lifetime");
        }

        if (model.MaxAgeSeconds is int maxAge)
        {
            string skewText = model.ClockSkewSeconds is int own ? Number(own) + "d" : "validator.ClockSkew.TotalSeconds";
            writer.WriteLine("// RFC 7519 4.1.6: the token age, from iat.");
            writer.WriteLine("if (!" + Checks + ".IsAgeAcceptable(in token, now, " + Number(maxAge) + "d, " + skewText + "))");
            WriteReturn(writer, Result + ".Denied", "token", Failure + ".TokenAge", "null");
        }
    }

    private static void WriteListCheck(SourceWriter writer, ListRequirementModel list, string field, string failure)
    {
        string join = list.MatchAny ? " || " : " && ";
        List<string> terms = [];
        for (int i = 0; i < list.Values.Count; i++)
        {
            terms.Add("visitor." + field + Number(i));
        }

        writer.WriteLine("if (!(" + string.Join(join, terms) + "))");
        WriteReturn(writer, Result + ".Denied", "token", Failure + "." + failure, Literal(string.Join(" ", list.Values)));
    }

    /// <summary>Writes a block that returns a call; a long argument list goes one per line.</summary>
    private static void WriteReturn(SourceWriter writer, string method, params string[] arguments)
    {
        writer.OpenBlock();
        string call = method + "(" + string.Join(", ", arguments) + ")";
        if (call.Length <= 90)
        {
            writer.WriteLine("return " + call + ";");
        }
        else
        {
            writer.WriteLine("return " + method + "(");
            writer.Indent();
            for (int i = 0; i < arguments.Length; i++)
            {
                writer.WriteLine(arguments[i] + (i == arguments.Length - 1 ? ");" : ","));
            }

            writer.Unindent();
        }

        writer.CloseBlock();
        writer.WriteLine();
    }
}
