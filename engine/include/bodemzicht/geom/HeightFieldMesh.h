// Simplification of a height field (the ground surface) with a guaranteed vertical error: a right-
// triangulated irregular network (RTIN; Evans, Kirkpatrick and Townsend 2001, as in Mapbox's
// Martini). Each square block of 2^k cells starts as two triangles split along the midpoint of
// their hypotenuse where needed. A triangle is kept when no grid point inside it lies further from
// its plane than the error asked for; the error a split is decided on is the exact maximum over
// the triangle and its neighbour across the hypotenuse, and never less than that of any finer
// split below it, so kept triangles meet without cracks.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace bz::geom {

class HeightFieldMesh {
  public:
    struct Mesh {
        std::vector<std::uint32_t> vertices;                  // grid indices (j * nx + i)
        std::vector<std::array<std::uint32_t, 3>> triangles;  // indices into vertices
    };

    // heights: nx * ny row-major grid points (NaN: unknown, left out); nx - 1 and ny - 1 are
    // multiples of blockCells, a power of two.
    HeightFieldMesh(std::vector<double> heights, int nx, int ny, int blockCells);

    // The fewest triangles this scheme gives with every grid point within maxError (vertically)
    // of the mesh. Triangles touching an unknown point are left out (the finest are half cells).
    Mesh extract(double maxError) const;
    // The finest mesh with at most maxTriangles, its error between minError and maxError; the
    // mesh for maxError where even that needs more triangles.
    Mesh extractAtMost(std::size_t maxTriangles, double minError, double maxError) const;

    int nx() const { return nx_; }
    int ny() const { return ny_; }
    double height(int i, int j) const { return heights_[index(i, j)]; }

  private:
    struct Triangle {
        int ax, ay, bx, by, cx, cy;  // hypotenuse a-b, right angle at c
    };
    std::size_t index(int i, int j) const {
        return static_cast<std::size_t>(j) * static_cast<std::size_t>(nx_) +
               static_cast<std::size_t>(i);
    }
    double exactError(const Triangle& t) const;
    template <typename Emit>
    void walk(const Triangle& t, int depth, double maxError, Emit&& emit) const;

    std::vector<double> heights_;
    int nx_, ny_, blockCells_, leafDepth_;
    std::vector<Triangle> roots_;
    std::vector<double> splitError_;  // per grid point that is a hypotenuse midpoint
};

}  // namespace bz::geom
