package cn.yuhao.care.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.yuhao.care.config.AppConfig;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class FieldCipherTest {
  private static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);
  private static final String K2 =
      Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
  private static final String IDX =
      Base64.getEncoder().encodeToString("ffffffffffffffffffffffffffffffff".getBytes());

  @Test
  void round_trips_and_never_repeats_a_ciphertext() {
    FieldCipher cipher = new FieldCipher(Keys.parse("k1:" + K1, IDX));
    String a = cipher.encrypt("500101199001011234", "children.id_number");
    String b = cipher.encrypt("500101199001011234", "children.id_number");
    assertThat(a).startsWith("k1:").isNotEqualTo(b).doesNotContain("1990");
    assertThat(cipher.decrypt(a, "children.id_number")).isEqualTo("500101199001011234");
  }

  @Test
  void a_value_moved_to_another_column_does_not_decrypt() {
    FieldCipher cipher = new FieldCipher(Keys.parse("k1:" + K1, IDX));
    String sealed = cipher.encrypt("13812345678", "users.phone");
    assertThatThrownBy(() -> cipher.decrypt(sealed, "children.guardian_phone"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void rotated_keys_still_decrypt_old_values() {
    String old = new FieldCipher(Keys.parse("k1:" + K1, IDX)).encrypt("张三", "x");
    FieldCipher rotated = new FieldCipher(Keys.parse("k2:" + K2 + ",k1:" + K1, IDX));
    assertThat(rotated.decrypt(old, "x")).isEqualTo("张三");
    assertThat(rotated.needsRotation(old)).isTrue();
    assertThat(rotated.encrypt("张三", "x")).startsWith("k2:");
  }

  @Test
  void tampered_values_do_not_decrypt() {
    FieldCipher cipher = new FieldCipher(Keys.parse("k1:" + K1, IDX));
    String sealed = cipher.encrypt("secret", "x");
    // A middle character carries six whole bits (the last one may carry only padding bits).
    int i = sealed.length() / 2;
    String tampered =
        sealed.substring(0, i) + (sealed.charAt(i) == 'A' ? 'B' : 'A') + sealed.substring(i + 1);
    assertThatThrownBy(() -> cipher.decrypt(tampered, "x"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void blind_index_is_stable_and_separated_by_purpose() {
    BlindIndex index = new BlindIndex(Keys.parse("k1:" + K1, IDX));
    assertThat(index.of("phone", "13812345678"))
        .isEqualTo(index.of("phone", "13812345678"))
        .hasSize(64);
    assertThat(index.of("phone", "13812345678")).isNotEqualTo(index.of("id", "13812345678"));
  }

  @Test
  void bad_keys_are_refused() {
    assertThatThrownBy(() -> Keys.parse("k1:short", IDX))
        .isInstanceOf(AppConfig.ConfigException.class);
    assertThatThrownBy(() -> Keys.parse(K1, IDX)).isInstanceOf(AppConfig.ConfigException.class);
    assertThatThrownBy(() -> Keys.parse("k1:" + K1, "!!"))
        .isInstanceOf(AppConfig.ConfigException.class);
  }
}
