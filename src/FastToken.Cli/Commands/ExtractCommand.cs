using System.CommandLine;
using System.Text.Json;

namespace FastToken.Cli.Commands;

/// <summary>
/// <c>fasttoken extract</c>: finds the access token in request headers the way a service
/// configured with the same sources would, and says what the service would answer when it
/// finds none.
/// </summary>
internal static class ExtractCommand
{
    private const string Header = "header";
    private const string Cookie = "cookie";
    private const string HeaderThenCookie = "header-then-cookie";
    private const string CookieThenHeader = "cookie-then-header";

    public static Command Create(CliConsole console)
    {
        Option<string[]> authorization = new("--authorization")
        {
            Description = "An Authorization header value, e.g. 'Bearer eyJ...'. Repeatable: one per header field.",
            HelpName = "value",
        };
        Option<string[]> cookies = new("--cookie")
        {
            Description = "A Cookie header value, e.g. 'access_token=eyJ...; theme=dark'. Repeatable.",
            HelpName = "header",
        };
        Option<string> cookieName = new("--cookie-name")
        {
            Description = "The token cookie's name.",
            DefaultValueFactory = _ => TokenExtractionOptions.DefaultCookieName,
        };
        Option<string> source = new("--source")
        {
            Description = "Where to look, in order. Cookies are read only when named here.",
            DefaultValueFactory = _ => Header,
        };
        source.AcceptOnlyFromAmong(Header, Cookie, HeaderThenCookie, CookieThenHeader);
        Option<bool> json = new("--json")
        {
            Description = "Print one JSON object instead of text.",
        };

        Command command = new("extract", "Find the bearer token in Authorization and Cookie header values.")
        {
            authorization, cookies, cookieName, source, json,
        };
        command.SetAction(parse => Run(
            console,
            parse.GetValue(authorization) ?? [],
            parse.GetValue(cookies) ?? [],
            parse.GetValue(cookieName)!,
            parse.GetValue(source)!,
            parse.GetValue(json)));
        return command;
    }

    private static int Run(
        CliConsole console,
        string[] authorization,
        string[] cookies,
        string cookieName,
        string sourceName,
        bool json)
    {
        TokenSources sources = sourceName switch
        {
            Cookie => TokenSources.Cookie,
            HeaderThenCookie => TokenSources.AuthorizationHeaderThenCookie,
            CookieThenHeader => TokenSources.CookieThenAuthorizationHeader,
            _ => TokenSources.AuthorizationHeader,
        };
        TokenExtractor extractor = CreateExtractor(sources, cookieName);

        if (sources == TokenSources.AuthorizationHeader && cookies.Length > 0)
        {
            console.Error.WriteLine(
                "note: --cookie is ignored: --source is 'header' (the default, as in the library); " +
                $"use --source {HeaderThenCookie} or another source that names cookies.");
        }

        char[] chunkBuffer = new char[extractor.RequiredChunkBufferLength];
        ExtractionStatus status = extractor.Extract(
            authorization,
            cookies,
            chunkBuffer,
            out ReadOnlySpan<char> found,
            out TokenSource from);

        if (status.IsFound())
        {
            string token = found.ToString();
            string where = from == TokenSource.Cookie ? Cookie : Header;
            string kind = BearerToken.Classify(found) == TokenKind.Jwt ? "jwt" : "opaque";
            if (json)
            {
                console.Out.WriteLine(JsonText.Compact(w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("found", true);
                    w.WriteString("source", where);
                    w.WriteString("token", token);
                    w.WriteString("kind", kind);
                    w.WriteEndObject();
                }));
            }
            else
            {
                string origin = from == TokenSource.Cookie ? $"the '{cookieName}' cookie" : "the Authorization header";
                console.Out.WriteLine($"FOUND  in {origin}; shape: {kind} (nothing verified)");
                console.Out.WriteLine(token);
            }

            return ExitCodes.Success;
        }

        // RFC 6750 3.1: no token is a bare challenge and 401; a malformed request is a 400
        // with error="invalid_request".
        bool invalidRequest = status.IsInvalidRequest();
        TokenError? error = invalidRequest
            ? new TokenError(TokenError.InvalidRequest, 400, status.GetDescription())
            : null;
        int httpStatus = invalidRequest ? 400 : 401;
        string challenge = TokenError.WwwAuthenticate(null, error);
        if (json)
        {
            console.Out.WriteLine(JsonText.Compact(w => WriteFailure(w, status, error, httpStatus, challenge)));
        }
        else
        {
            string verdict = invalidRequest ? "INVALID REQUEST" : "NOT FOUND";
            console.Out.WriteLine($"{verdict}  {status.ToKebabCase()}: {status.GetDescription()}");
            console.Out.WriteLine($"HTTP {httpStatus}, WWW-Authenticate: {challenge}");
        }

        return ExitCodes.Invalid;
    }

    private static TokenExtractor CreateExtractor(TokenSources sources, string cookieName)
    {
        try
        {
            return new TokenExtractor(new TokenExtractionOptions { Sources = sources, CookieName = cookieName });
        }
        catch (ArgumentException)
        {
            throw new CliException(
                $"--cookie-name: '{JsonText.Printable(cookieName)}' is not a cookie name (an RFC 9110 token).");
        }
    }

    private static void WriteFailure(
        Utf8JsonWriter w,
        ExtractionStatus status,
        TokenError? error,
        int httpStatus,
        string challenge)
    {
        w.WriteStartObject();
        w.WriteBoolean("found", false);
        w.WriteString("status", status.ToKebabCase());
        if (error is { } e)
        {
            w.WriteString("error", e.Code);
        }
        else
        {
            w.WriteNull("error");
        }

        w.WriteNumber("httpStatus", httpStatus);
        w.WriteString("description", status.GetDescription());
        w.WriteString("wwwAuthenticate", challenge);
        w.WriteEndObject();
    }
}
