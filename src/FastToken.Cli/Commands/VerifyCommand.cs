using System.CommandLine;
using System.Text;
using System.Text.Json;
using FastToken.Keys;

namespace FastToken.Cli.Commands;

/// <summary><c>fasttoken verify</c>: validates one token and reports the outcome.</summary>
internal static class VerifyCommand
{
    // 9999-12-31T23:59:59Z, the last second a DateTimeOffset holds; and a skew of a day at most.
    private const long MaxUnixSeconds = 253_402_300_799;
    private const long MaxSkewSeconds = 86_400;

    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = 64 };

    public static Command Create(CliConsole console)
    {
        Argument<string> token = new("token")
        {
            Description = "The compact token, or '-' to read it from stdin.",
        };
        Option<string[]> keys = new("--key")
        {
            Description = "A JWK or JWK Set: a file, or JSON text. Repeatable.",
            HelpName = "file|json",
        };
        Option<string?> jwksUri = new("--jwks-uri")
        {
            Description = "Fetch the keys from this JWK Set URL (https, or http on loopback).",
            HelpName = "url",
        };
        Option<string?> authority = new("--authority")
        {
            Description = "Discover issuer and keys from this OpenID Provider (https, or http on loopback).",
            HelpName = "url",
        };
        Option<string[]> issuers = new("--issuer")
        {
            Description = "An accepted issuer (iss). Repeatable. "
                + "Without it (and without --authority) iss is not checked.",
        };
        Option<string[]> audiences = new("--audience")
        {
            Description = "An accepted audience (aud). Repeatable. Without it aud is not checked.",
        };
        Option<string[]> algorithms = new("--alg")
        {
            Description = "An allowed algorithm, e.g. ES256. Repeatable. Default: every one the key fits.",
        };
        Option<string?> type = new("--type")
        {
            Description = "The required header typ, e.g. at+jwt.",
        };
        Option<string?> now = new("--now")
        {
            Description = "Judge exp and nbf at this time instead of the clock.",
            HelpName = "unix-seconds",
        };
        Option<string?> clockSkew = new("--clock-skew")
        {
            Description = "Tolerance for exp and nbf. Default 30.",
            HelpName = "seconds",
        };
        Option<bool> json = new("--json")
        {
            Description = "Print one JSON object instead of text.",
        };

        const string Summary = "Verify a token's signature and claims. Exit 0 valid, 1 invalid, 2 usage error.";
        Command command = new("verify", Summary)
        {
            token, keys, jwksUri, authority, issuers, audiences, algorithms, type, now, clockSkew, json,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            const string Seconds = "a number of seconds";
            VerifyRequest request = new(
                parse.GetValue(keys) ?? [],
                parse.GetValue(jwksUri),
                parse.GetValue(authority),
                parse.GetValue(issuers) ?? [],
                parse.GetValue(audiences) ?? [],
                parse.GetValue(algorithms) ?? [],
                parse.GetValue(type),
                CliInput.ParseInt64(parse.GetValue(now), "--now", 0, MaxUnixSeconds, "a number of seconds since 1970"),
                CliInput.ParseInt64(parse.GetValue(clockSkew), "--clock-skew", 0, MaxSkewSeconds, Seconds));
            string tokenText = await CliInput.ReadTokenAsync(parse.GetValue(token)!, console.In, cancellationToken);
            return await RunAsync(console, request, tokenText, parse.GetValue(json), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        CliConsole console,
        VerifyRequest request,
        string token,
        bool json,
        CancellationToken cancellationToken)
    {
        (JwtValidationOptions options, string? discoveredIssuer) = await BuildOptionsAsync(request, cancellationToken);
        JwtValidator validator = new(options);

        using JwtValidationResult result = validator.Validate(token.AsSpan());
        if (json)
        {
            console.Out.WriteLine(JsonText.Compact(w => WriteJson(w, result)));
        }
        else
        {
            WriteText(console.Out, result, options, discoveredIssuer);
        }

        return result.IsValid ? ExitCodes.Success : ExitCodes.Invalid;
    }

    private static async Task<(JwtValidationOptions Options, string? DiscoveredIssuer)> BuildOptionsAsync(
        VerifyRequest request,
        CancellationToken cancellationToken)
    {
        if (request.Keys.Count == 0 && request.JwksUri is null && request.Authority is null)
        {
            throw new CliException("no key: give --key, --jwks-uri or --authority.");
        }

        List<JwtAlgorithm> algorithms = [.. request.Algorithms.Select(a => CliInput.ParseAlgorithm(a, "--alg"))];
        List<JsonWebKeySet> sets = [];
        if (request.Keys.Count > 0)
        {
            sets.Add(CliInput.ReadKeys(request.Keys, "--key"));
        }

        string? discoveredIssuer = null;
        using HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };
        if (request.Authority is not null)
        {
            Uri authority = ParseUrl(request.Authority, "--authority");
            OpenIdConfiguration configuration = await OpenIdConfiguration.LoadAsync(authority, http, cancellationToken);
            discoveredIssuer = configuration.Issuer;
            sets.Add(await FetchAsync(configuration.JwksUri, http, cancellationToken));
        }

        if (request.JwksUri is not null)
        {
            sets.Add(await FetchAsync(ParseUrl(request.JwksUri, "--jwks-uri"), http, cancellationToken));
        }

        // Without an issuer to compare with the check is off, and the text output says so;
        // with --authority, the provider's own issuer is the one to expect.
        List<string> issuers = request.Issuers.Count > 0 ? [.. request.Issuers]
            : discoveredIssuer is not null ? [discoveredIssuer]
            : [];
        JwtValidationOptions options = new()
        {
            Keys = JsonWebKeySet.Combine(sets),
            ValidIssuers = issuers,
            ValidateIssuer = issuers.Count > 0,
            ValidAudiences = [.. request.Audiences],
            ValidateAudience = request.Audiences.Count > 0,
            Algorithms = algorithms,
            RequiredType = request.Type,
        };
        if (request.Now is { } now)
        {
            options.TimeProvider = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(now));
        }

        if (request.ClockSkewSeconds is { } skew)
        {
            options.ClockSkew = TimeSpan.FromSeconds(skew);
        }

        return (options, discoveredIssuer);
    }

    private static async Task<JsonWebKeySet> FetchAsync(Uri uri, HttpClient http, CancellationToken cancellationToken)
    {
        // One token, one fetch: the source's background refresh has nothing to do here.
        using JwksKeySource source = await JwksKeySource.CreateAsync(uri, http, null, cancellationToken);
        return source.Current;
    }

    private static Uri ParseUrl(string value, string option)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) ||
            (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new CliException($"{option}: '{value}' is not an absolute http(s) URL.");
        }

        return uri;
    }

    private static void WriteJson(Utf8JsonWriter w, in JwtValidationResult result)
    {
        w.WriteStartObject();
        w.WriteBoolean("valid", result.IsValid);
        w.WriteString("status", TokenError.ToKebabCase(result.Status));
        if (result.IsValid)
        {
            w.WriteString("alg", JwtAlgorithms.GetName(result.Algorithm));
            if (result.KeyId.IsEmpty)
            {
                w.WriteNull("kid");
            }
            else
            {
                w.WriteString("kid", result.KeyId);
            }

            w.WritePropertyName("header");
            WriteDocument(w, result.HeaderJson);
            w.WritePropertyName("claims");
            WriteDocument(w, result.PayloadJson);
        }
        else
        {
            TokenError error = TokenError.For(result.Status);
            w.WriteString("error", error.Code);
            w.WriteNumber("httpStatus", error.HttpStatus);
            w.WriteString("description", error.Description);
        }

        w.WriteEndObject();
    }

    private static void WriteDocument(Utf8JsonWriter w, ReadOnlySpan<byte> json)
    {
        // Re-written rather than copied raw, so that the writer escapes what a terminal must not see.
        using JsonDocument document = JsonDocument.Parse(json.ToArray(), s_documentOptions);
        document.RootElement.WriteTo(w);
    }

    private static void WriteText(
        TextWriter output,
        in JwtValidationResult result,
        JwtValidationOptions options,
        string? discoveredIssuer)
    {
        if (result.IsValid)
        {
            string kid = result.KeyId.IsEmpty
                ? "no kid"
                : $"kid \"{JsonText.Printable(Encoding.UTF8.GetString(result.KeyId))}\"";
            output.WriteLine($"VALID  {JwtAlgorithms.GetName(result.Algorithm)}, {kid}");
        }
        else
        {
            TokenError error = TokenError.For(result.Status);
            output.WriteLine($"INVALID  {TokenError.ToKebabCase(result.Status)}: {error.Description}");
        }

        string issuerCheck = !options.ValidateIssuer ? "NOT CHECKED (no --issuer)"
            : discoveredIssuer is not null && options.ValidIssuers.SequenceEqual([discoveredIssuer])
                ? $"checked against the discovered issuer {JsonText.Printable(discoveredIssuer)}"
                : "checked against " + JsonText.Printable(string.Join(", ", options.ValidIssuers));
        string audienceCheck = options.ValidateAudience
            ? "checked against " + JsonText.Printable(string.Join(", ", options.ValidAudiences))
            : "NOT CHECKED (no --audience)";
        output.WriteLine($"issuer:   {issuerCheck}");
        output.WriteLine($"audience: {audienceCheck}");
        if (options.RequiredType is { } type)
        {
            output.WriteLine($"type:     required {JsonText.Printable(type)}");
        }

        if (!result.IsValid)
        {
            return;
        }

        if (result.ExpiresAt is { } expires)
        {
            output.WriteLine($"expires:  {expires.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}");
        }

        using JsonDocument header = JsonDocument.Parse(result.HeaderJson.ToArray(), s_documentOptions);
        using JsonDocument claims = JsonDocument.Parse(result.PayloadJson.ToArray(), s_documentOptions);
        output.WriteLine("header:");
        output.WriteLine(JsonText.Indented(header.RootElement));
        output.WriteLine("claims:");
        output.WriteLine(JsonText.Indented(claims.RootElement));
    }

    private sealed record VerifyRequest(
        IReadOnlyList<string> Keys,
        string? JwksUri,
        string? Authority,
        IReadOnlyList<string> Issuers,
        IReadOnlyList<string> Audiences,
        IReadOnlyList<string> Algorithms,
        string? Type,
        long? Now,
        long? ClockSkewSeconds);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
