// Small double-precision vector types. All engine geometry is RD New + NAP (EPSG:7415) in metres,
// so everything is double: float32 at RD coordinates (~1e5 m) resolves only ~1 cm.
#pragma once

#include <cmath>

namespace bz::core {

struct Vec2 {
    double x = 0, y = 0;
    constexpr Vec2 operator+(Vec2 o) const { return {x + o.x, y + o.y}; }
    constexpr Vec2 operator-(Vec2 o) const { return {x - o.x, y - o.y}; }
    constexpr Vec2 operator*(double s) const { return {x * s, y * s}; }
    constexpr bool operator==(const Vec2&) const = default;
};

struct Vec3 {
    double x = 0, y = 0, z = 0;
    constexpr Vec3 operator+(Vec3 o) const { return {x + o.x, y + o.y, z + o.z}; }
    constexpr Vec3 operator-(Vec3 o) const { return {x - o.x, y - o.y, z - o.z}; }
    constexpr Vec3 operator*(double s) const { return {x * s, y * s, z * s}; }
    constexpr Vec3 operator-() const { return {-x, -y, -z}; }
    constexpr bool operator==(const Vec3&) const = default;
    constexpr Vec2 xy() const { return {x, y}; }
};

constexpr double dot(Vec2 a, Vec2 b) {
    return a.x * b.x + a.y * b.y;
}
constexpr double cross(Vec2 a, Vec2 b) {
    return a.x * b.y - a.y * b.x;
}
constexpr double dot(Vec3 a, Vec3 b) {
    return a.x * b.x + a.y * b.y + a.z * b.z;
}
constexpr Vec3 cross(Vec3 a, Vec3 b) {
    return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}
inline double length(Vec2 a) {
    return std::sqrt(dot(a, a));
}
inline double length(Vec3 a) {
    return std::sqrt(dot(a, a));
}
inline double distance(Vec3 a, Vec3 b) {
    return length(a - b);
}
inline double distance(Vec2 a, Vec2 b) {
    return length(a - b);
}
constexpr Vec3 lerp(Vec3 a, Vec3 b, double t) {
    return a + (b - a) * t;
}
constexpr Vec2 lerp(Vec2 a, Vec2 b, double t) {
    return a + (b - a) * t;
}

}  // namespace bz::core
