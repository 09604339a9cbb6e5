"""The interface's words in English and Arabic, so Arabic-speaking documenters get an RTL interface."""

from __future__ import annotations

LANGS = ("en", "ar")

_AR: dict[str, str] = {
    "harmwatch": "هارم‌واتش",
    "Incidents": "الحوادث", "Reports": "التقارير", "Sources": "المصادر", "Sign in": "تسجيل الدخول",
    "Sign out": "تسجيل الخروج", "Signed in as": "مسجّل الدخول باسم", "Filters": "عوامل التصفية",
    "From": "من", "To": "إلى", "Country": "البلد", "Governorate (admin1)": "المحافظة",
    "Perpetrator": "الجهة المنفذة", "Event type": "نوع الحدث", "Grade": "التقييم",
    "Minimum killed": "الحد الأدنى للقتلى", "Search": "بحث", "Apply": "تطبيق", "Clear": "مسح",
    "Map": "الخريطة", "Timeline": "الخط الزمني", "List": "القائمة", "Date": "التاريخ", "Place": "المكان",
    "Killed": "القتلى", "Injured": "الجرحى", "Civilians killed": "القتلى المدنيون", "Status": "الحالة",
    "Evidence": "الأدلة", "Why these reports were linked": "سبب ربط هذه التقارير",
    "Review history": "سجل المراجعة", "Review": "مراجعة", "Reason": "السبب", "Publisher": "الناشر",
    "Published": "تاريخ النشر", "Link": "الرابط", "Contribution to the grade": "الإسهام في التقييم",
    "Claims extracted": "الادعاءات المستخرجة", "Text": "النص", "Download": "تنزيل",
    "incidents": "حادثة", "Next": "التالي", "Previous": "السابق", "Name": "الاسم", "Password": "كلمة المرور",
    "Calendar": "التقويم", "No incidents match these filters.": "لا توجد حوادث تطابق عوامل التصفية.",
    "Language": "اللغة", "Low": "الأدنى", "Best": "الأرجح", "High": "الأعلى", "Reviewers only": "للمراجعين فقط",
    "The full text is shown to signed-in reviewers only.": "النص الكامل يظهر للمراجعين المسجلين فقط.",
    "Skip to content": "انتقل إلى المحتوى", "Precision": "الدقة", "Location": "الموقع", "Day": "يوم",
    "Perpetrator (source's words)": "الجهة المنفذة (بلفظ المصدر)", "Reports published on": "تقارير منشورة في",
}


def translate(lang: str, text: str) -> str:
    """The Arabic for a UI string when the page is Arabic; English (the key) otherwise."""
    return _AR.get(text, text) if lang == "ar" else text
