using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FastToken.Tests.Extraction;

public class ExtractionProperties
{
    private const string Name = "access_token";

    // RFC 6265 §4.1.1: cookie-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E
    private static readonly char[] s_cookieOctets = Enumerable.Range(0x21, 0x7E - 0x21 + 1)
        .Select(code => (char)code)
        .Where(c => c is not ('"' or ',' or ';' or '\\'))
        .ToArray();

    // RFC 9110 §5.6.2 tchar, for cookie names.
    private static readonly char[] s_tokenChars =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-.^_`|~".ToCharArray();

    private static readonly TokenExtractor[] s_extractors = Enum.GetValues<TokenSources>()
        .Select(sources => new TokenExtractor(new TokenExtractionOptions { Sources = sources, MaxChunks = 3 }))
        .ToArray();

    private static Gen<string> StringOf(char[] alphabet, int minLength, int maxLength) =>
        Gen.Choose(minLength, maxLength)
            .SelectMany(length => Gen.ArrayOf(Gen.Elements(alphabet), length))
            .Select(chars => new string(chars));

    private static Gen<string> Concatenation(string[] fragments, int maxCount) =>
        Gen.Choose(0, maxCount)
            .SelectMany(count => Gen.ArrayOf(Gen.Elements(fragments), count))
            .Select(parts => string.Concat(parts));

    /// <summary>A request's Cookie field values with our cookie somewhere among others.</summary>
    public sealed record CookieScenario(string?[] FieldValues, string Expected)
    {
        public override string ToString() =>
            $"[{string.Join(" | ", FieldValues.Select(v => v ?? "null"))}] expecting '{Expected}'";
    }

    private static Gen<CookieScenario> CookieScenarios()
    {
        Gen<string> otherName = StringOf(s_tokenChars, 1, 12).Where(name => name != Name);
        Gen<string> otherPair = Gen.OneOf(
            otherName.SelectMany(_ => StringOf(s_cookieOctets, 0, 20), (name, value) => name + "=" + value),
            Gen.Elements("", " ", "junk", "=nameless", "=", "\t", "  x=1  ", "access_token", "Access_token=no"));
        Gen<string> ourValue = StringOf(s_cookieOctets, 0, 40);
        Gen<string> separator = Gen.Elements(";", "; ");

        return
            from others in Gen.Choose(0, 10).SelectMany(count => Gen.ArrayOf(otherPair, count))
            from value in ourValue
            from quoted in Gen.Elements(false, true)
            from position in Gen.Choose(0, others.Length)
            from separators in Gen.ArrayOf(separator, others.Length + 1)
            from fieldCount in Gen.Choose(1, 3)
            select Build(others, value, quoted, position, separators, fieldCount);

        static CookieScenario Build(
            string[] others,
            string value,
            bool quoted,
            int position,
            string[] separators,
            int fieldCount)
        {
            var pairs = others.ToList();
            pairs.Insert(position, Name + "=" + (quoted ? "\"" + value + "\"" : value));

            // Spread the pairs over one to three field values, as HTTP/2 may.
            int perField = (pairs.Count + fieldCount - 1) / fieldCount;
            string?[] fieldValues = pairs
                .Select((pair, index) => (pair, index))
                .GroupBy(item => item.index / perField)
                .Select(group => string.Concat(group.Select(item => item.pair + separators[item.index]))) 
                .ToArray<string?>();

            return new CookieScenario(fieldValues, value);
        }
    }

    [Property(MaxTest = 500)]
    public Property Our_cookie_among_random_others_yields_exactly_its_value() =>
        Prop.ForAll(CookieScenarios().ToArbitrary(), scenario =>
        {
            string joined = string.Join("; ", scenario.FieldValues);

            bool found = CookieHeader.TryGetValue(scenario.FieldValues, Name, out ReadOnlySpan<char> value);
            bool joinedFound = CookieHeader.TryGetValue(joined, Name, out ReadOnlySpan<char> joinedValue);
            bool rawFound = CookieHeader.TryGetValue(
                Encoding.ASCII.GetBytes(joined), "access_token"u8, out ReadOnlySpan<byte> rawValue);

            return found && joinedFound && rawFound
                && value.SequenceEqual(scenario.Expected)
                && joinedValue.SequenceEqual(scenario.Expected)
                && Encoding.ASCII.GetString(rawValue) == scenario.Expected;
        });

    [Property(MaxTest = 300)]
    public Property A_cookie_token_among_random_others_is_extracted_when_it_is_a_b64token() =>
        Prop.ForAll(CookieScenarios().ToArbitrary(), scenario =>
        {
            var extractor = new TokenExtractor(new TokenExtractionOptions { Sources = TokenSources.Cookie });
            var (status, token, source) = TokenExtractorTests.ExtractBoth(extractor, [], scenario.FieldValues);

            if (scenario.Expected.Length == 0)
            {
                return status == ExtractionStatus.NotFound;
            }

            if (scenario.Expected.StartsWith("chunks-", StringComparison.Ordinal))
            {
                return status.IsNotFound();
            }

            return Oracle.IsB64Token(scenario.Expected)
                ? status == ExtractionStatus.Found && token == scenario.Expected && source == TokenSource.Cookie
                : status == ExtractionStatus.InvalidCookieTokenCharacters;
        });

    [Property(MaxTest = 1000)]
    public Property Bearer_parsing_agrees_with_the_oracle() =>
        Prop.ForAll(
            Concatenation(
                [
                    "Bearer", "bearer", "BEARER", "Basic", " ", " ", "\t",
                    "abc", "Z9", "-._~+/", "=", ",", "\"", "é", ";",
                ],
                8)
                .ToArbitrary(),
            value =>
            {
                (ExtractionStatus expected, string expectedToken) = Oracle.Bearer(value);
                ExtractionStatus status = BearerToken.TryParse(value, out ReadOnlySpan<char> token);
                ExtractionStatus rawStatus =
                    BearerToken.TryParse(Encoding.UTF8.GetBytes(value), out ReadOnlySpan<byte> rawToken);

                return status == expected && token.SequenceEqual(expectedToken)
                    && rawStatus == expected && Encoding.UTF8.GetString(rawToken) == expectedToken;
            });

    [Property(MaxTest = 1000)]
    public Property Cookie_parsing_agrees_with_the_oracle() =>
        Prop.ForAll(
            Concatenation(
                [
                    "access_token", "access_token=", "Access_token", "=", ";", "; ", " ", "\t",
                    "\"", "\"abc\"", "\"\"", "abc", "x=y",
                ],
                12)
                .ToArbitrary(),
            header =>
            {
                string? expected = Oracle.Cookie([header], Name);
                bool found = CookieHeader.TryGetValue(header, Name, out ReadOnlySpan<char> value);
                bool rawFound = CookieHeader.TryGetValue(
                    Encoding.UTF8.GetBytes(header), "access_token"u8, out ReadOnlySpan<byte> rawValue);

                return expected == (found ? value.ToString() : null)
                    && expected == (rawFound ? Encoding.UTF8.GetString(rawValue) : null);
            });

    [Property(MaxTest = 1000)]
    public Property Chunk_assembly_agrees_with_the_oracle() =>
        Prop.ForAll(
            (from header in Concatenation(
                    [
                        "t=", "tC1=", "tC2=", "tC3=", "tC10=", "tc1=", "chunks-",
                        "1", "2", "3", "0", "ab", "cde", "\"", "; ", ";", " ",
                    ],
                    16)
                from maxChunks in Gen.Choose(0, 4)
                from bufferLength in Gen.Choose(0, 12)
                select (header, maxChunks, bufferLength)).ToArbitrary(),
            input =>
            {
                var expected = Oracle.ChunkedCookie([input.header], "t", input.maxChunks, input.bufferLength);
                ExtractionStatus status = CookieHeader.TryGetChunkedValue(
                    input.header, "t", new char[input.bufferLength], input.maxChunks, out ReadOnlySpan<char> value);
                ExtractionStatus rawStatus = CookieHeader.TryGetChunkedValue(
                    Encoding.ASCII.GetBytes(input.header), "t"u8, new byte[input.bufferLength], input.maxChunks,
                    out ReadOnlySpan<byte> rawValue);

                return expected == (status, value.ToString())
                    && expected == (rawStatus, Encoding.ASCII.GetString(rawValue));
            });

    [Property(MaxTest = 500)]
    public void Random_text_never_throws(string? authorization, string? cookie)
    {
        authorization ??= "";
        cookie ??= "";

        Assert.True(Enum.IsDefined(BearerToken.TryParse(authorization, out _)));
        Assert.True(Enum.IsDefined(BearerToken.Classify(authorization)));
        CookieHeader.TryGetValue(cookie, Name, out _);
        Assert.True(Enum.IsDefined(CookieHeader.TryGetChunkedValue(cookie, Name, new char[32], 4, out _)));

        foreach (TokenExtractor extractor in s_extractors)
        {
            char[] buffer = new char[extractor.RequiredChunkBufferLength];
            Assert.True(Enum.IsDefined(extractor.Extract([authorization], [cookie], buffer, out _, out _)));
            ExtractionStatus swapped =
                extractor.Extract([authorization, cookie], [cookie, authorization], buffer, out _, out _);
            Assert.True(Enum.IsDefined(swapped));
        }
    }

    [Property(MaxTest = 500)]
    public void Random_bytes_never_throw(byte[]? authorization, byte[]? cookie)
    {
        authorization ??= [];
        cookie ??= [];

        Assert.True(Enum.IsDefined(BearerToken.TryParse(authorization, out _)));
        Assert.True(Enum.IsDefined(BearerToken.Classify(authorization)));
        CookieHeader.TryGetValue(cookie, "access_token"u8, out _);
        Assert.True(Enum.IsDefined(CookieHeader.TryGetChunkedValue(cookie, "access_token"u8, new byte[32], 4, out _)));

        foreach (TokenExtractor extractor in s_extractors)
        {
            byte[] buffer = new byte[extractor.RequiredChunkBufferLength];
            Assert.True(Enum.IsDefined(extractor.Extract(authorization, 1, cookie, buffer, out _, out _)));
            Assert.True(Enum.IsDefined(extractor.Extract(cookie, 2, authorization, buffer, out _, out _)));
        }
    }
}
