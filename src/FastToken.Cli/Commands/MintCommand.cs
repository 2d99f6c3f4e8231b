using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastToken.Keys;

namespace FastToken.Cli.Commands;

/// <summary><c>fasttoken mint</c>: signs a token, for local development and tests.</summary>
internal static class MintCommand
{
    public static Command Create(CliConsole console)
    {
        Option<string> key = new("--key")
        {
            Description = "The private (or secret) JWK, or a JWK Set holding exactly one: a file, or JSON text.",
            HelpName = "file|json",
            Required = true,
        };
        Option<string> claims = new("--claims")
        {
            Description = "The claims: a JSON object, or @file.",
            HelpName = "json|@file",
            Required = true,
        };
        Option<string?> algorithm = new("--alg")
        {
            Description = "The algorithm. Default: the key's alg, or for EC keys the one its curve implies.",
        };
        Option<string?> type = new("--type")
        {
            Description = "The header typ. Default JWT; at+jwt for RFC 9068 access tokens.",
        };
        Option<string?> expiresIn = new("--exp-in")
        {
            Description = "Set exp this many seconds from now (and iat to now, unless the claims have it).",
            HelpName = "seconds",
        };

        Command command = new("mint", "Sign a token, for local development and tests. Prints the token.")
        {
            key, claims, algorithm, type, expiresIn,
        };
        command.SetAction(parse =>
        {
            JsonWebKey signingKey = SelectKey(CliInput.ReadKeySet(parse.GetValue(key)!, "--key"));
            JwtAlgorithm alg = ChooseAlgorithm(signingKey, parse.GetValue(algorithm));
            long? lifetime = CliInput.ParseInt64(
                parse.GetValue(expiresIn), "--exp-in", 1, int.MaxValue, "a positive number of seconds");
            string claimsJson = CliInput.ReadJsonArgument(parse.GetValue(claims)!, "--claims");
            string payload = BuildClaims(claimsJson, lifetime, out bool hasExp);

            string token = JwtWriter.Create(signingKey, alg, payload, parse.GetValue(type) ?? "JWT");
            console.Out.WriteLine(token);
            if (!hasExp)
            {
                console.Error.WriteLine(
                    "note: the token has no exp; validators that require one (FastToken's default) refuse it. " +
                    "Add --exp-in.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static JsonWebKey SelectKey(JsonWebKeySet set)
    {
        JsonWebKey[] signing = [.. set.Keys.Where(k => k.HasPrivateKey)];
        return signing.Length switch
        {
            1 => signing[0],
            0 => throw new CliException("--key: no private or secret key; a public key can verify but not sign."),
            _ => throw new CliException($"--key: the set holds {signing.Length} private keys; give just one."),
        };
    }

    private static JwtAlgorithm ChooseAlgorithm(JsonWebKey key, string? requested)
    {
        if (requested is not null)
        {
            return CliInput.ParseAlgorithm(requested, "--alg");
        }

        if (key.Algorithm is not null)
        {
            return CliInput.ParseAlgorithm(key.Algorithm, "the key's alg");
        }

        // RFC 7518 3.4: each curve belongs to exactly one ECDSA algorithm.
        return key.Curve switch
        {
            "P-256" => JwtAlgorithm.ES256,
            "P-384" => JwtAlgorithm.ES384,
            "P-521" => JwtAlgorithm.ES512,
            _ => throw new CliException($"--alg: the {key.KeyType} key names no algorithm; give one."),
        };
    }

    private static string BuildClaims(string json, long? lifetimeSeconds, out bool hasExp)
    {
        JsonObject claims;
        try
        {
            claims = JsonNode.Parse(json) as JsonObject
                ?? throw new CliException("--claims: the claims must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new CliException($"--claims: not valid JSON: {e.Message}", e);
        }

        if (lifetimeSeconds is { } lifetime)
        {
            long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            claims["exp"] = now + lifetime;
            if (!claims.ContainsKey("iat"))
            {
                claims["iat"] = now;
            }
        }

        hasExp = claims.ContainsKey("exp");
        return claims.ToJsonString();
    }
}
