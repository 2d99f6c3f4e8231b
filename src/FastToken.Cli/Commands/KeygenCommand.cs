using System.CommandLine;
using System.Text;
using FastToken.Keys;

namespace FastToken.Cli.Commands;

/// <summary>
/// <c>fasttoken keygen</c>: a new private JWK and its public JWK Set; for HMAC algorithms,
/// one secret JWK.
/// </summary>
internal static class KeygenCommand
{
    public static Command Create(CliConsole console)
    {
        Option<string> algorithm = new("--alg")
        {
            Description = "The algorithm the key is for, e.g. ES256, RS256, HS256.",
            Required = true,
        };
        Option<string?> keyId = new("--kid")
        {
            Description = "The key id. Default: the key's RFC 7638 thumbprint.",
        };
        Option<string?> privateFile = new("--out-private")
        {
            Description = "Write the private (or secret) JWK to this file instead of stdout.",
            HelpName = "file",
        };
        Option<string?> publicFile = new("--out-public")
        {
            Description = "Write the public JWK Set to this file instead of stdout.",
            HelpName = "file",
        };

        Command command = new("keygen", "Generate a signing key: a private JWK and its public JWK Set.")
        {
            algorithm, keyId, privateFile, publicFile,
        };
        command.SetAction(parse => Run(
            console,
            CliInput.ParseAlgorithm(parse.GetValue(algorithm)!, "--alg"),
            parse.GetValue(keyId),
            parse.GetValue(privateFile),
            parse.GetValue(publicFile)));
        return command;
    }

    private static int Run(
        CliConsole console,
        JwtAlgorithm algorithm,
        string? keyId,
        string? privateFile,
        string? publicFile)
    {
        string name = JwtAlgorithms.GetName(algorithm);
        bool symmetric = name.StartsWith("HS", StringComparison.Ordinal);
        if (symmetric && publicFile is not null)
        {
            throw new CliException($"--out-public: an {name} key is a shared secret and has no public part.");
        }

        JsonWebKey key = JsonWebKey.Generate(algorithm);
        if (keyId is not null)
        {
            key = key.WithKeyId(keyId);
        }

        string privateJson = key.ToJson(includePrivateParameters: true);
        if (privateFile is not null)
        {
            WriteSecretFile(privateFile, privateJson);
        }
        else
        {
            console.Out.WriteLine(privateJson);
        }

        if (symmetric)
        {
            console.Error.WriteLine(
                $"note: {Where(privateFile)} is a SECRET {name} key: whoever holds it can mint tokens that verify.");
            return ExitCodes.Success;
        }

        string publicJson = new JsonWebKeySet([key.ToPublicKey()]).ToJson();
        if (publicFile is not null)
        {
            File.WriteAllText(publicFile, publicJson + Environment.NewLine);
        }
        else
        {
            console.Out.WriteLine(publicJson);
        }

        string order = privateFile is null && publicFile is null ? ", in that order" : "";
        console.Error.WriteLine(
            $"note: the PRIVATE JWK (keep it secret) went to {Where(privateFile)}, the public JWK Set to " +
            $"{Where(publicFile)}{order}; kid \"{JsonText.Printable(key.KeyId ?? "")}\".");
        return ExitCodes.Success;
    }

    private static string Where(string? file) => file is null ? "stdout" : $"'{file}'";

    private static void WriteSecretFile(string path, string content)
    {
        // Readable by the owner only, from the moment the file exists.
        FileStreamOptions options = new()
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (StreamWriter writer = new(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options))
        {
            writer.WriteLine(content);
        }

        if (!OperatingSystem.IsWindows())
        {
            // An existing file keeps its mode on create; narrow it as well.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
