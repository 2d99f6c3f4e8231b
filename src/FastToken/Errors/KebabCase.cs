using System.Text;

namespace FastToken;

/// <summary>
/// Status names as logs, the CLI and scripts see them: <c>ConflictingTokens</c> becomes
/// <c>conflicting-tokens</c>.
/// </summary>
internal static class KebabCase
{
    public static string From<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        string name = value.ToString();
        StringBuilder builder = new(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
