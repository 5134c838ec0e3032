/** How the CLI words the action's input messages in terms of its flags (wording.ts). */
import { flagWording } from '../../src/cli/wording.js'

describe('flagWording', () => {
  test("an input's invalid value names the flag and keeps the value as given", () => {
    expect(
      flagWording(
        "Invalid value for input 'source': 'registry2'. Expected 'registry', 'docker' or 'aliyun'."
      )
    ).toBe("Invalid value for --source: 'registry2'. Expected 'registry', 'docker' or 'aliyun'.")
  })

  test('inputs the CLI takes otherwise: arguments, --password-stdin, the environment', () => {
    expect(flagWording("Inputs 'username' and 'password' go together: set both, or neither.")).toBe(
      "'--username' and '--password-stdin' go together: set both, or neither."
    )
    expect(
      flagWording("Input 'source: aliyun' needs 'aliyun-region', 'aliyun-access-key-id'.")
    ).toBe("'--source aliyun' needs '--aliyun-region', 'ALIBABA_CLOUD_ACCESS_KEY_ID'.")
    expect(
      flagWording(
        "Input 'require-pins' applies to 'mode: verify' only (mode is 'pin'); set 'mode: verify' or remove it."
      )
    ).toBe(
      "'--require-pins' applies to 'digest-gate verify' only (mode is 'pin'); set 'digest-gate verify' or remove it."
    )
  })

  test('images are IMAGE... of the default command, and --images beside a subcommand', () => {
    const message = "Input 'images': 'a b' is not an image reference"
    expect(flagWording(message)).toBe("IMAGE...: 'a b' is not an image reference")
    expect(flagWording(message, 'pin')).toBe("--images: 'a b' is not an image reference")
    expect(flagWording(message, 'verify')).toBe("--images: 'a b' is not an image reference")
  })

  test("a policy file's own messages, and other lines, are left as they are", () => {
    const message = "policy.yml:3:5: 'platforms' must be a list\nInput 'timeout': too long"
    expect(flagWording(message)).toBe(
      "policy.yml:3:5: 'platforms' must be a list\n--timeout: too long"
    )
  })
})
