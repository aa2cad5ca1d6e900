package cn.yuhao.care.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {
  @Test
  void id_numbers_keep_the_first_and_last_four() {
    assertThat(Masking.idNumber("500101199001011234")).isEqualTo("5001**********1234");
    assertThat(Masking.idNumber("12345")).isEqualTo("*****");
    assertThat(Masking.idNumber(null)).isNull();
  }

  @Test
  void phones_keep_the_first_three_and_last_four() {
    assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
    assertThat(Masking.phone("123")).isEqualTo("***");
  }

  @Test
  void names_keep_the_first_character() {
    assertThat(Masking.name("张三")).isEqualTo("张*");
    assertThat(Masking.name("欧阳娜娜")).isEqualTo("欧***");
    assertThat(Masking.name("张")).isEqualTo("张*");
    assertThat(Masking.name("𠮷野家")).isEqualTo("𠮷**");
  }
}
