using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace FastToken.AspNetCore;

/// <summary>
/// Binds a scheme's options from <c>Authentication:Schemes:{scheme}</c>, by hand and key by
/// key, so that a wrong value fails with the key's name rather than being skipped.
/// </summary>
/// <remarks>
/// The keys are the property names of <see cref="FastTokenOptions"/> and
/// <see cref="FastTokenCsrfOptions"/> (under <c>Csrf</c>); lists take a JSON array or a
/// single string. For an easy move from JwtBearer, <c>ValidIssuer</c>, <c>ValidIssuers</c>,
/// <c>ValidAudience</c> and <c>ValidAudiences</c> are read as well. Time spans take
/// <c>hh:mm:ss</c> or a number of seconds.
/// </remarks>
internal sealed class FastTokenConfigureOptions(IAuthenticationConfigurationProvider configurationProvider)
    : IConfigureNamedOptions<FastTokenOptions>
{
    /// <inheritdoc/>
    public void Configure(FastTokenOptions options) => Configure(Options.DefaultName, options);

    /// <summary>Binds the section of scheme <paramref name="name"/>, if it exists.</summary>
    /// <exception cref="InvalidOperationException">A value cannot be read; the key is named.</exception>
    public void Configure(string? name, FastTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        IConfiguration section = configurationProvider.GetSchemeConfiguration(name);
        if (!section.GetChildren().Any())
        {
            return;
        }

        options.Authority = section[nameof(options.Authority)] ?? options.Authority;
        options.RequireHttpsMetadata = ReadBoolean(
            section, nameof(options.RequireHttpsMetadata), options.RequireHttpsMetadata);
        options.Audience = section[nameof(options.Audience)] ?? options.Audience;
        AddAll(
            options.Audiences,
            ReadList(section, nameof(options.Audiences)),
            ReadList(section, "ValidAudience"),
            ReadList(section, "ValidAudiences"));
        AddAll(
            options.Issuers,
            ReadList(section, nameof(options.Issuers)),
            ReadList(section, "ValidIssuer"),
            ReadList(section, "ValidIssuers"));
        options.ValidateIssuer = ReadBoolean(section, nameof(options.ValidateIssuer), options.ValidateIssuer);
        options.ValidateAudience = ReadBoolean(section, nameof(options.ValidateAudience), options.ValidateAudience);

        foreach (string algorithm in ReadList(section, nameof(options.Algorithms)))
        {
            if (!JwtAlgorithms.TryParse(algorithm, out JwtAlgorithm parsed))
            {
                throw Invalid(section, nameof(options.Algorithms), "a JWS algorithm name such as ES256");
            }

            options.Algorithms.Add(parsed);
        }

        options.RequiredType = section[nameof(options.RequiredType)] ?? options.RequiredType;
        options.ClockSkew = ReadTimeSpan(section, nameof(options.ClockSkew), options.ClockSkew);
        options.RequireExpirationTime = ReadBoolean(
            section, nameof(options.RequireExpirationTime), options.RequireExpirationTime);
        options.MaxTokenLength = ReadInt32(section, nameof(options.MaxTokenLength), options.MaxTokenLength);
        options.TokenSources = ReadEnum(section, nameof(options.TokenSources), options.TokenSources);
        options.CookieName = section[nameof(options.CookieName)] ?? options.CookieName;
        options.MaxCookieChunks = ReadInt32(section, nameof(options.MaxCookieChunks), options.MaxCookieChunks);
        options.SigningKeysJson = section[nameof(options.SigningKeysJson)] ?? options.SigningKeysJson;
        options.SigningKeysFile = section[nameof(options.SigningKeysFile)] ?? options.SigningKeysFile;
        options.Realm = section[nameof(options.Realm)] ?? options.Realm;
        options.NameClaimType = section[nameof(options.NameClaimType)] ?? options.NameClaimType;
        options.RoleClaimType = section[nameof(options.RoleClaimType)] ?? options.RoleClaimType;
        options.ClaimsIssuer = section[nameof(options.ClaimsIssuer)] ?? options.ClaimsIssuer;

        IConfigurationSection csrf = section.GetSection(nameof(options.Csrf));
        FastTokenCsrfOptions target = options.Csrf;
        target.Enabled = ReadBoolean(csrf, nameof(target.Enabled), target.Enabled);
        AddAll(target.AllowedOrigins, ReadList(csrf, nameof(target.AllowedOrigins)));
        target.AllowSameOrigin = ReadBoolean(csrf, nameof(target.AllowSameOrigin), target.AllowSameOrigin);
        target.DoubleSubmitCookieName = csrf[nameof(target.DoubleSubmitCookieName)] ?? target.DoubleSubmitCookieName;
        target.DoubleSubmitHeaderName = csrf[nameof(target.DoubleSubmitHeaderName)] ?? target.DoubleSubmitHeaderName;
        target.AllowRequestsWithoutOrigin = ReadBoolean(
            csrf, nameof(target.AllowRequestsWithoutOrigin), target.AllowRequestsWithoutOrigin);
    }

    private static void AddAll(IList<string> target, params IEnumerable<string>[] sources)
    {
        foreach (string value in sources.SelectMany(source => source))
        {
            if (!target.Contains(value))
            {
                target.Add(value);
            }
        }
    }

    private static List<string> ReadList(IConfiguration section, string key)
    {
        IConfigurationSection child = section.GetSection(key);
        if (!string.IsNullOrEmpty(child.Value))
        {
            return [child.Value];
        }

        return [.. child.GetChildren().Select(item => item.Value).OfType<string>().Where(item => item.Length > 0)];
    }

    private static bool ReadBoolean(IConfiguration section, string key, bool current)
    {
        string? text = section[key];
        if (text is null)
        {
            return current;
        }

        return bool.TryParse(text, out bool value) ? value : throw Invalid(section, key, "true or false");
    }

    private static int ReadInt32(IConfiguration section, string key, int current)
    {
        string? text = section[key];
        if (text is null)
        {
            return current;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw Invalid(section, key, "a whole number");
    }

    private static TimeSpan ReadTimeSpan(IConfiguration section, string key, TimeSpan current)
    {
        string? text = section[key];
        if (text is null)
        {
            return current;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
            && double.IsFinite(seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan value)
            ? value
            : throw Invalid(section, key, "a time span such as 00:00:30, or a number of seconds");
    }

    private static TEnum ReadEnum<TEnum>(IConfiguration section, string key, TEnum current)
        where TEnum : struct, Enum
    {
        string? text = section[key];
        if (text is null)
        {
            return current;
        }

        bool parsed = Enum.TryParse(text, ignoreCase: true, out TEnum value) && Enum.IsDefined(value)
            && !char.IsAsciiDigit(text.TrimStart()[0]);
        return parsed
            ? value
            : throw Invalid(section, key, $"one of {string.Join(", ", Enum.GetNames<TEnum>())}");
    }

    private static InvalidOperationException Invalid(IConfiguration section, string key, string expected)
    {
        string path = section is IConfigurationSection named ? $"{named.Path}:{key}" : key;
        return new InvalidOperationException($"The setting '{path}' must be {expected}.");
    }
}
