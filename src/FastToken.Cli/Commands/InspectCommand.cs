using System.Buffers.Text;
using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace FastToken.Cli.Commands;

/// <summary>
/// <c>fasttoken inspect</c>: decodes a token's header and claims WITHOUT verifying anything,
/// for debugging. The output says so, in text and in JSON (<c>"verified": false</c>).
/// </summary>
internal static class InspectCommand
{
    private static readonly JsonDocumentOptions s_documentOptions = new()
    {
        MaxDepth = 64,
        AllowDuplicateProperties = false,
    };

    public static Command Create(CliConsole console)
    {
        Argument<string> token = new("token")
        {
            Description = "The compact token, or '-' to read it from stdin.",
        };
        Option<bool> json = new("--json")
        {
            Description = "Print one JSON object instead of text.",
        };

        Command command = new("inspect", "Decode a token's header and claims WITHOUT verifying it.")
        {
            token, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string text = await CliInput.ReadTokenAsync(parse.GetValue(token)!, console.In, cancellationToken);
            return Run(console, text, parse.GetValue(json));
        });
        return command;
    }

    private static int Run(CliConsole console, string token, bool json)
    {
        if (!TryDecode(token, out JsonDocument? header, out JsonDocument? claims, out int signatureBytes,
                out string? error))
        {
            // The reason only, never the input: a token is a credential.
            console.Error.WriteLine($"fasttoken: cannot inspect: {error}");
            return ExitCodes.Invalid;
        }

        using (header)
        using (claims)
        {
            if (json)
            {
                console.Out.WriteLine(JsonText.Compact(w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("verified", false);
                    w.WritePropertyName("header");
                    header.RootElement.WriteTo(w);
                    w.WritePropertyName("claims");
                    claims.RootElement.WriteTo(w);
                    w.WriteEndObject();
                }));
                return ExitCodes.Success;
            }

            console.Out.WriteLine("UNVERIFIED: nothing was checked; anyone could have written this content.");
            console.Out.WriteLine(signatureBytes == 0
                ? "signature: none"
                : $"signature: {signatureBytes} bytes, not checked");
            console.Out.WriteLine("header:");
            console.Out.WriteLine(JsonText.Indented(header.RootElement));
            console.Out.WriteLine("claims:");
            console.Out.WriteLine(JsonText.Indented(claims.RootElement));
            return ExitCodes.Success;
        }
    }

    private static bool TryDecode(
        string token,
        [NotNullWhen(true)] out JsonDocument? header,
        [NotNullWhen(true)] out JsonDocument? claims,
        out int signatureBytes,
        [NotNullWhen(false)] out string? error)
    {
        header = null;
        claims = null;
        signatureBytes = 0;
        if (token.Length > CliInput.MaxStdinChars)
        {
            error = "the token is too large.";
            return false;
        }

        string[] parts = token.Split('.');
        if (parts.Length == 5)
        {
            error = "the token is encrypted (JWE, five parts); only signed tokens can be shown.";
            return false;
        }

        if (parts.Length != 3)
        {
            error = $"a compact JWT has three parts separated by '.', this input has {parts.Length}.";
            return false;
        }

        if (!TryParseSegment(parts[0], "header", out header, out error))
        {
            return false;
        }

        if (!TryParseSegment(parts[1], "payload", out claims, out error))
        {
            header.Dispose();
            header = null;
            return false;
        }

        if (!Base64Url.IsValid(parts[2], out signatureBytes))
        {
            header.Dispose();
            claims.Dispose();
            (header, claims) = (null, null);
            error = "the signature is not base64url.";
            return false;
        }

        return true;
    }

    private static bool TryParseSegment(
        string segment,
        string name,
        [NotNullWhen(true)] out JsonDocument? document,
        [NotNullWhen(false)] out string? error)
    {
        document = null;
        if (!Base64Url.IsValid(segment, out int length) || length == 0)
        {
            error = $"the {name} is not base64url.";
            return false;
        }

        byte[] bytes = new byte[length];
        Base64Url.DecodeFromChars(segment, bytes);
        try
        {
            document = JsonDocument.Parse(bytes, s_documentOptions);
        }
        catch (JsonException)
        {
            error = $"the {name} is not JSON (or repeats a member name).";
            return false;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            document = null;
            error = $"the {name} is not a JSON object.";
            return false;
        }

        error = null;
        return true;
    }
}
