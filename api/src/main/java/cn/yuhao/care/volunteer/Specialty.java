package cn.yuhao.care.volunteer;

/** The professions the program pairs by (专长优势). */
public enum Specialty {
  TEACHER,
  DOCTOR,
  NURSE,
  PSYCHOLOGIST,
  SOCIAL_WORKER,
  LAWYER,
  JUDGE,
  PROSECUTOR,
  POLICE,
  FAMILY_EDUCATION_EXPERT,
  CADRE,
  OTHER
}
